package io.cacifo.kit.security;

import io.cacifo.kit.http.Headers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The locker's side of {@link SignedReplies}: whether the back-end's answer was signed under the
 * locker's {@code backend-hmac-key} for exactly the request it answers and exactly the body received.
 */
public final class ReplyVerifier {
    private static final Pattern HEX_SIGNATURE = Pattern.compile("[0-9a-f]{64}");
    private final HmacKey key;

    public ReplyVerifier(HmacKey key) {
        this.key = key;
    }

    /**
     * Why the reply is not to be trusted, or empty when it is. {@code replyHeaders} as received,
     * names in any case. The reason names the rule broken, never a key or a signature.
     */
    public Optional<String> refusal(String requestNonce, byte[] requestBody, Map<String, List<String>> replyHeaders,
                                    byte[] replyBody) {
        List<String> signatures = values(replyHeaders, SignedHeaders.SIGNATURE);
        if (signatures.isEmpty()) {
            return Optional.of("the reply is not signed");
        }
        List<String> keyIds = values(replyHeaders, SignedHeaders.KEY_ID);
        if (keyIds.size() != 1 || !key.id().equals(keyIds.get(0).trim())) {
            return Optional.of("the reply is signed with a key this locker does not hold");
        }
        String signature = signatures.get(0).trim();
        if (signatures.size() != 1 || !HEX_SIGNATURE.matcher(signature).matches()) {
            return Optional.of("the reply's signature is malformed");
        }
        if (!key.matches(SignedReplies.canonical(requestNonce, requestBody, replyBody), Hex.parse(signature))) {
            return Optional.of("the reply's signature does not match this request and reply");
        }
        return Optional.empty();
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        return Headers.find(headers, name).orElse(List.of());
    }
}
