package io.cacifo.kit.security;

/**
 * The contract of the back-end's signed answer to {@code POST <backend_url>/events}, shared by the
 * back-end's side ({@link ReplySigner}) and the locker's ({@link ReplyVerifier}):
 *
 * <pre>
 * cacifo-v1-reply \n REQUEST_NONCE \n hex(sha256(request body)) \n hex(sha256(reply body))
 * </pre>
 *
 * REQUEST_NONCE is the {@link SignedHeaders#NONCE} of the request being answered, so the signature
 * binds the reply to that one request: a reply captured earlier does not pass for a later one. The
 * reply carries {@link SignedHeaders#KEY_ID} and {@link SignedHeaders#SIGNATURE}, lower-case hex of
 * HMAC-SHA256 under {@code backend-hmac-key} over the UTF-8 canonical text. Bodies are hashed as the
 * bytes sent.
 */
public final class SignedReplies {
    private SignedReplies() {
    }

    public static String canonical(String requestNonce, byte[] requestBody, byte[] replyBody) {
        return "cacifo-v1-reply\n" + requestNonce + "\n" + Hex.of(SignedHeaders.sha256(requestBody)) + "\n"
                + Hex.of(SignedHeaders.sha256(replyBody));
    }
}
