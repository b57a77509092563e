// Makes a new parcel's reservation-manager insert body, as the back-end would (a JSR223 Sampler,
// "setup: seal parcel codes"): three fresh random 10-digit codes and, when the locker's RSA key is
// known, the codes sealed for it (docs/api.md, reservation-manager, codes_envelope):
//
//   AES-256-GCM over {"deposit_code","pickup_code","backup_code"} with the external id as AAD,
//   the data key wrapped with RSA-OAEP-SHA256 (MGF1-SHA256) under the locker's public key,
//   {"alg":"RSA-OAEP-256+A256GCM","kid":<first 16 hex of sha256(public key DER)>,
//    "wrapped_key","iv","ciphertext"} in standard base64.
//
// Without a locker key the codes go in clear (deposit_code, pickup_code, backup_code), as
// reservation-manager accepted them before sealed envelopes. The locker key comes from the file
// named by locker.key.file, else <secrets.dir>/locker-public-key, else <secrets.dir>/locker-private-key:
// a PUBLIC KEY block, or the locker's PRIVATE KEY (RSA, PKCS#8), whose public half is derived from it.
//
// Parameters: the door number; empty means this thread's own door from the `doors` property
// (thread 1 the first door, thread 2 the second...), so threads never share a door.
// Sets vars: door, screen (this thread's screen from `screen.ids`, default "main,simulator": screen-io
// serves only the locker's own screens), external_id, deposit, pickup, backup, parcel_body, and
// resets the flow's loop variables (entry_state, entry_tries, parcel_status, polls).
import groovy.json.JsonOutput

import javax.crypto.Cipher
import javax.crypto.spec.GCMParameterSpec
import javax.crypto.spec.OAEPParameterSpec
import javax.crypto.spec.PSource
import javax.crypto.spec.SecretKeySpec
import java.nio.charset.StandardCharsets
import java.security.KeyFactory
import java.security.MessageDigest
import java.security.PublicKey
import java.security.SecureRandom
import java.security.interfaces.RSAPrivateCrtKey
import java.security.spec.MGF1ParameterSpec
import java.security.spec.PKCS8EncodedKeySpec
import java.security.spec.RSAPublicKeySpec
import java.security.spec.X509EncodedKeySpec

SecureRandom random = vars.getObject('cacifo.random')
if (random == null) {
    random = new SecureRandom()
    vars.putObject('cacifo.random', random)
}
String door = (Parameters ?: '').trim()
if (door.isEmpty()) {
    List<String> doors = props.getProperty('doors', '2').split(',').collect { it.trim() }.findAll { !it.isEmpty() }
    door = doors[ctx.getThreadNum() % doors.size()]
}
List<String> screens = props.getProperty('screen.ids', 'main,simulator').split(',').collect { it.trim() }.findAll { !it.isEmpty() }
vars.put('screen', screens[ctx.getThreadNum() % screens.size()])
Closure<String> code = {
    StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9))
    9.times { digits.append(random.nextInt(10)) }
    digits.toString()
}
String deposit = code()
String pickup
String backup
while ((pickup = code()) == deposit) { }
while ((backup = code()) == deposit || backup == pickup) { }
String externalId = 'jm-' + Long.toHexString(random.nextLong() & Long.MAX_VALUE)

Map body = [external_id: externalId, door_id: door as long]
Map codes = [deposit_code: deposit, pickup_code: pickup, backup_code: backup]
PublicKey lockerKey = LockerKey.get(props, log)
if (lockerKey != null) {
    byte[] dataKey = new byte[32]
    byte[] iv = new byte[12]
    random.nextBytes(dataKey)
    random.nextBytes(iv)
    Cipher aes = Cipher.getInstance('AES/GCM/NoPadding')
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, 'AES'), new GCMParameterSpec(128, iv))
    aes.updateAAD(externalId.getBytes(StandardCharsets.UTF_8))
    byte[] ciphertext = aes.doFinal(JsonOutput.toJson(codes).getBytes(StandardCharsets.UTF_8))
    Cipher rsa = Cipher.getInstance('RSA/ECB/OAEPPadding')
    rsa.init(Cipher.ENCRYPT_MODE, lockerKey,
            new OAEPParameterSpec('SHA-256', 'MGF1', MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT), random)
    Base64.Encoder base64 = Base64.getEncoder()
    body.codes_envelope = [alg        : 'RSA-OAEP-256+A256GCM',
                           kid        : MessageDigest.getInstance('SHA-256').digest(lockerKey.getEncoded()).encodeHex().toString().substring(0, 16),
                           wrapped_key: base64.encodeToString(rsa.doFinal(dataKey)),
                           iv         : base64.encodeToString(iv),
                           ciphertext : base64.encodeToString(ciphertext)]
    Arrays.fill(dataKey, (byte) 0)
} else {
    body.putAll(codes)
}

vars.put('door', door)
vars.put('external_id', externalId)
vars.put('deposit', deposit)
vars.put('pickup', pickup)
vars.put('backup', backup)
vars.put('parcel_body', JsonOutput.toJson(body))
vars.put('entry_state', '')
vars.put('entry_tries', '0')
vars.put('parcel_status', '')
vars.put('polls', '0')
SampleResult.setResponseData("parcel ${externalId} for door ${door} (${lockerKey != null ? 'sealed' : 'codes in clear'})", 'UTF-8')

/** The locker's RSA public key, read once per JMeter run (props holds it, or 'none'). */
class LockerKey {
    static PublicKey get(Properties props, log) {
        synchronized (props) {
            Object known = props.get('cacifo.locker.key')
            if (known == null) {
                known = load(props, log) ?: 'none'
                props.put('cacifo.locker.key', known)
            }
            return known instanceof PublicKey ? (PublicKey) known : null
        }
    }

    private static PublicKey load(Properties props, log) {
        String named = props.getProperty('locker.key.file', '').trim()
        String dir = props.getProperty('secrets.dir', '').trim()
        File file = !named.isEmpty() ? new File(named)
                : dir.isEmpty() ? null
                : ['locker-public-key', 'locker-private-key'].collect { new File(dir, it) }.find { it.isFile() }
        if (file == null || !file.isFile()) {
            log.info("[cacifo] no locker RSA key (${file}): parcel codes are sent in clear")
            return null
        }
        String pem = file.getText('UTF-8')
        byte[] publicDer = block(pem, 'PUBLIC KEY')
        PublicKey key
        if (publicDer != null) {
            key = KeyFactory.getInstance('RSA').generatePublic(new X509EncodedKeySpec(publicDer))
        } else {
            byte[] privateDer = block(pem, 'PRIVATE KEY')
            if (privateDer == null) {
                throw new IllegalStateException("${file} holds neither a PUBLIC KEY nor a PRIVATE KEY block")
            }
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) KeyFactory.getInstance('RSA').generatePrivate(new PKCS8EncodedKeySpec(privateDer))
            key = KeyFactory.getInstance('RSA').generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()))
        }
        log.info("[cacifo] parcel codes sealed for the locker key in ${file}")
        return key
    }

    private static byte[] block(String pem, String label) {
        def match = pem =~ /(?s)-----BEGIN ${label}-----(.*?)-----END ${label}-----/
        return match.find() ? Base64.getMimeDecoder().decode(match.group(1)) : null
    }
}
