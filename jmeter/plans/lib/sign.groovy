// Signs every cacifo function call a plan sends, exactly as docs/api.md "Signing" says, right
// before JMeter sends it (a JSR223 PreProcessor at the test plan's top, so it sees every sampler).
//
//   canonical = "cacifo-v1\nPOST\n/function/<name>\n<raw query>\n<timestamp>\n<nonce>\n<hex sha256(body)>"
//   internal (HMAC-SHA256): X-Cacifo-Key-Id = first 16 hex of sha256("cacifo-key-id:" + key text),
//                           X-Cacifo-Signature = lower-case hex
//   back-end (ECDSA P-256): X-Cacifo-Key-Id = first 16 hex of sha256(public key X.509 DER),
//                           X-Cacifo-Signature = base64 of the DER signature
//
// Which signer: insert, update, delete and set_state are the back-end's ("Who may call what"), so
// they are signed with ECDSA when a back-end private key file exists, else with the internal HMAC
// key (what the functions accepted before they required the back-end's key). Everything else is
// signed with the internal HMAC key; screen-io is never signed (the touchscreen holds no key).
//
// A sampler that calls a function straight on its own port (not through the gateway) names the
// path it must be signed for in a header X-Cacifo-Sign-Path (removed before sending): the function
// rebuilds /function/<its name> from its name, whatever path it receives.
//
// Keys come from files (JMeter properties): hmac.key.file, backend.key.file, or by default
// <secrets.dir>/internal-hmac-key and <secrets.dir>/backend-private-key. They are read once per
// JMeter run; Mac and Signature objects are made once per JMeter thread.
import org.apache.jmeter.protocol.http.control.Header
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerBase

import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec
import java.nio.charset.StandardCharsets
import java.security.KeyFactory
import java.security.MessageDigest
import java.security.SecureRandom
import java.security.Signature
import java.security.spec.PKCS8EncodedKeySpec

if (!(sampler instanceof HTTPSamplerBase)) {
    return
}
def headers = sampler.getHeaderManager()
String signPath = null
if (headers != null) {
    Header override = headers.getFirstHeaderNamed('X-Cacifo-Sign-Path')
    if (override != null) {
        signPath = override.getValue()
        headers.removeHeaderNamed('X-Cacifo-Sign-Path')
    }
}
String target = sampler.getPath()
int mark = target.indexOf('?')
String path = mark < 0 ? target : target.substring(0, mark)
String query = mark < 0 ? '' : target.substring(mark + 1)
if (signPath == null) {
    signPath = path
}
if (!signPath.startsWith('/function/')) {
    return
}
String function = signPath.substring('/function/'.length()).split('/')[0]
if (function == 'screen-io') {
    return
}
if (headers == null) {
    throw new IllegalStateException('the plan needs an HTTP Header Manager (Content-Type) for signed calls')
}

def keys = SigningKeys.get(props, log)
String body = ''
if (sampler.getPostBodyRaw() && sampler.getArguments().getArgumentCount() > 0) {
    body = sampler.getArguments().getArgument(0).getValue()
}
def action = (query =~ /(?:^|&)action=([a-z_]+)/)
boolean backendAction = action.find() && (action.group(1) in ['insert', 'update', 'delete', 'set_state'])

SecureRandom random = vars.getObject('cacifo.random')
if (random == null) {
    random = new SecureRandom()
    vars.putObject('cacifo.random', random)
}
byte[] nonceBytes = new byte[16]
random.nextBytes(nonceBytes)
String nonce = nonceBytes.encodeHex().toString()
long timestamp = System.currentTimeMillis().intdiv(1000)
String canonical = "cacifo-v1\nPOST\n${signPath}\n${query}\n${timestamp}\n${nonce}\n" +
        MessageDigest.getInstance('SHA-256').digest(body.getBytes(StandardCharsets.UTF_8)).encodeHex().toString()

String keyId
String signature
if (backendAction && keys.ecPrivate != null) {
    Signature ecdsa = vars.getObject('cacifo.ecdsa')
    if (ecdsa == null) {
        ecdsa = Signature.getInstance('SHA256withECDSA')
        ecdsa.initSign(keys.ecPrivate, random)
        vars.putObject('cacifo.ecdsa', ecdsa)
    }
    ecdsa.update(canonical.getBytes(StandardCharsets.UTF_8))
    keyId = keys.ecKeyId
    signature = Base64.getEncoder().encodeToString(ecdsa.sign())
} else {
    Mac mac = vars.getObject('cacifo.mac')
    if (mac == null) {
        mac = Mac.getInstance('HmacSHA256')
        mac.init(new SecretKeySpec(keys.hmacKey.getBytes(StandardCharsets.UTF_8), 'HmacSHA256'))
        vars.putObject('cacifo.mac', mac)
    }
    keyId = keys.hmacKeyId
    signature = mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)).encodeHex().toString()
}
['X-Cacifo-Key-Id': keyId, 'X-Cacifo-Timestamp': Long.toString(timestamp),
 'X-Cacifo-Nonce': nonce, 'X-Cacifo-Signature': signature].each { name, value ->
    headers.removeHeaderNamed(name)
    headers.add(new Header(name, value))
}

/** The key material, read from files once per JMeter run and shared by all threads through props (a plain Map). */
class SigningKeys {
    static Map get(Properties props, log) {
        synchronized (props) {
            Map keys = (Map) props.get('cacifo.signing.keys')
            if (keys == null) {
                keys = load(props, log)
                props.put('cacifo.signing.keys', keys)
            }
            return keys
        }
    }

    private static Map load(Properties props, log) {
        Map keys = [:]
        File hmacFile = KeyFile.of(props, 'hmac.key.file', 'internal-hmac-key')
        if (hmacFile == null || !hmacFile.isFile()) {
            throw new IllegalStateException("no internal HMAC key: set hmac.key.file or secrets.dir (looked for ${hmacFile})")
        }
        keys.hmacKey = hmacFile.getText('UTF-8').strip()
        keys.hmacKeyId = MessageDigest.getInstance('SHA-256').digest(('cacifo-key-id:' + keys.hmacKey).getBytes(StandardCharsets.UTF_8))
                .encodeHex().toString().substring(0, 16)
        File ecFile = KeyFile.of(props, 'backend.key.file', 'backend-private-key')
        if (ecFile != null && ecFile.isFile()) {
            String pem = ecFile.getText('UTF-8')
            byte[] privateDer = Pem.block(pem, 'PRIVATE KEY')
            byte[] publicDer = Pem.block(pem, 'PUBLIC KEY')
            if (privateDer == null || publicDer == null) {
                throw new IllegalStateException("${ecFile} must hold a PRIVATE KEY block followed by its PUBLIC KEY block")
            }
            keys.ecPrivate = KeyFactory.getInstance('EC').generatePrivate(new PKCS8EncodedKeySpec(privateDer))
            keys.ecKeyId = MessageDigest.getInstance('SHA-256').digest(publicDer).encodeHex().toString().substring(0, 16)
            log.info("[cacifo] back-end actions signed with ECDSA key ${keys.ecKeyId} from ${ecFile}")
        } else {
            log.info("[cacifo] no back-end key (${ecFile}): back-end actions signed with the internal HMAC key")
        }
        return keys
    }
}

/** A key file named by a property, or by its secret's name under secrets.dir. */
class KeyFile {
    static File of(Properties props, String property, String secretName) {
        String named = props.getProperty(property, '').trim()
        if (!named.isEmpty()) {
            return new File(named)
        }
        String dir = props.getProperty('secrets.dir', '').trim()
        return dir.isEmpty() ? null : new File(dir, secretName)
    }
}

/** The DER bytes of the first PEM block with this label, or null. */
class Pem {
    static byte[] block(String pem, String label) {
        def match = pem =~ /(?s)-----BEGIN ${label}-----(.*?)-----END ${label}-----/
        return match.find() ? Base64.getMimeDecoder().decode(match.group(1)) : null
    }
}
