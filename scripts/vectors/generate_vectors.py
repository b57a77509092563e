"""Writes docs/vectors/ from fixed inputs and this folder's Python implementation of the signing and sealing
(cacifo_vectors.py). Keys, ECDSA signatures and RSA-OAEP wrappings are random, so running it again
gives new ones: run it only to change the vectors, then run the Java and Python checks. Every other
expected value follows from the fixed inputs written here.
"""
import base64
import json
import os

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

import cacifo_vectors as cv

NOW = 1795694400  # 2026-11-26T12:00:00Z
NONCE = "00112233445566778899aabbccddeeff"
INTERNAL = "3f1c9a7be05d4c2a8b6e1f0d9c7a5b3e2d1c0b9a8f7e6d5c4b3a29180f1e2d3c"
BACKEND_HMAC = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
STRANGER_HMAC = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100"
CODE_HASH_KEY = "9d4b2e7f1a6c3058e2b7d91f4c6a8e03b5d7f9a1c3e5072b4d6f8a0c2e4f6a8b"
OTHER_CODE_HASH_KEY = "a" * 64


def pem_private(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode("ascii")


def pem_public(key):
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def ec_key(name):
    private = ec.generate_private_key(ec.SECP256R1())
    return {"type": "ecdsa-p256-sha256", "about": name, "private_pem": pem_private(private),
            "public_pem": pem_public(private.public_key()), "key_id": cv.public_key_id(private.public_key())}, private


def hmac_key(name, text):
    return {"type": "hmac-sha256", "about": name, "text": text, "key_id": cv.hmac_key_id(text)}


def signed(name, signer_name, signer, method, path, query, body, why_valid, verify_with, timestamp=NOW, nonce=NONCE):
    body_bytes = body.encode("utf-8")
    return {"name": name, "about": why_valid, "signer": signer_name, "verify_with": verify_with,
            "method": method, "path": path, "query": query, "body": body, "timestamp": timestamp, "nonce": nonce,
            "body_sha256": cv.sha256_hex(body_bytes),
            "canonical": cv.canonical(method, path, query, timestamp, nonce, body_bytes),
            "headers": signer.headers(method, path, query, body_bytes, timestamp, nonce),
            "verify_at": timestamp, "expect": "valid"}


def refused(base, name, why, **changes):
    """A request as received that must not verify: base's headers, with the fields named changed."""
    headers = dict(base["headers"])
    headers.update(changes.pop("headers", {}))
    vector = {"name": name, "why": why, "verify_with": changes.pop("verify_with", base["verify_with"]),
              "method": base["method"], "path": base["path"], "query": base["query"], "body": base["body"],
              "headers": headers, "verify_at": base["verify_at"], "expect": "refused"}
    vector.update(changes)
    return vector


def ecdsa_signed_with_padding(name, signer_name, signer, *args):
    # A DER signature of 71 bytes ends its base64 in one '=': then "the same signature without its
    # padding" is a vector too. Half of all signatures have that length.
    while True:
        vector = signed(name, signer_name, signer, *args)
        if len(base64.b64decode(vector["headers"]["X-Cacifo-Signature"])) == 71:
            return vector


def signatures():
    backend_ec, backend_private = ec_key("the back-end's EC P-256 pair (secret backend-private-key; "
                                         "the locker holds the public PEM as backend-public-keys)")
    stranger_ec, stranger_private = ec_key("an EC P-256 pair no locker trusts")
    keys = {
        "internal-hmac-key": hmac_key("the locker's internal key: calls between its functions", INTERNAL),
        "backend-hmac-key": hmac_key("the key one locker shares with the back-end: events and their answers",
                                     BACKEND_HMAC),
        "stranger-hmac-key": hmac_key("an HMAC key no one trusts", STRANGER_HMAC),
        "backend-ec": backend_ec,
        "stranger-ec": stranger_ec,
    }
    internal = cv.Signer(hmac_text=INTERNAL)
    events_signer = cv.Signer(hmac_text=BACKEND_HMAC)
    stranger_hmac = cv.Signer(hmac_text=STRANGER_HMAC)
    backend = cv.Signer(ec_private=backend_private)
    stranger = cv.Signer(ec_private=stranger_private)

    open_door = signed("internal: controller asks door-io to open door 4", "internal-hmac-key", internal, "POST",
                       "/function/door-io", "action=open", '{"door_id":4}',
                       "a call between the locker's functions", ["internal-hmac-key"])
    empty = signed("internal: an empty body hashes as zero bytes", "internal-hmac-key", internal, "POST",
                   "/function/controller", "action=sync", "", "the controller's sync with no body",
                   ["internal-hmac-key"], nonce="0123456789abcdef")
    insert_body = ('{"external_id":"P-2026-0001","door_id":4,"codes_envelope":{"alg":"RSA-OAEP-256+A256GCM",'
                   '"kid":"0000000000000000","wrapped_key":"AA==","iv":"AAAAAAAAAAAAAAAA","ciphertext":"AA=="}}')
    insert = ecdsa_signed_with_padding("back-end: reservation-manager insert", "backend-ec", backend, "POST",
                                       "/function/reservation-manager", "action=insert", insert_body,
                                       "the back-end's call to a locker; only the signature is checked here, "
                                       "not the envelope", ["backend-ec"])
    support = signed("back-end: a UTF-8 body is hashed as its UTF-8 bytes", "backend-ec", backend, "POST",
                     "/function/controller", "action=support_open",
                     '{"door_id":7,"reason":"cliente não encontra o código","ticket":"SUP-7"}',
                     "non-ASCII text in the body", ["backend-ec"], timestamp=NOW + 60,
                     nonce="a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf")
    events_body = '{"locker_id":"locker-001","events":[{"event_id":"e1"}]}'
    events = signed("locker to back-end: POST /events under backend-hmac-key", "backend-hmac-key", events_signer,
                    "POST", "/events", "", events_body,
                    "the path is /events whatever path backend_url has; the query is empty", ["backend-hmac-key"])

    raw = base64.b64decode(insert["headers"]["X-Cacifo-Signature"])
    r, s = decode_dss_signature(raw)
    p1363 = base64.b64encode(r.to_bytes(32, "big") + s.to_bytes(32, "big")).decode("ascii")
    forged_by_stranger = stranger.headers(insert["method"], insert["path"], insert["query"],
                                          insert["body"].encode("utf-8"), NOW, NONCE)
    internal_forged = stranger_hmac.headers(open_door["method"], open_door["path"], open_door["query"],
                                            open_door["body"].encode("utf-8"), NOW, NONCE)
    requests = [
        open_door, empty, insert, support, events,
        refused(open_door, "internal: tampered body", "the body is not the one signed", body='{"door_id":5}'),
        refused(open_door, "internal: another action", "the query is not the one signed", query="action=close"),
        refused(open_door, "internal: another function", "the path is not the one signed",
                path="/function/user-manager"),
        refused(open_door, "internal: signed with another key under the internal key's id",
                "wrong key", headers={"X-Cacifo-Signature": internal_forged["X-Cacifo-Signature"]}),
        refused(open_door, "internal: a key the receiver does not hold", "unknown key id",
                headers=internal_forged),
        refused(open_door, "internal: 31 s after signing", "stale: the window is 30 s either way",
                verify_at=NOW + 31),
        refused(open_door, "internal: upper-case hex signature", "the signature is lower-case hex",
                headers={"X-Cacifo-Signature": open_door["headers"]["X-Cacifo-Signature"].upper()}),
        refused(open_door, "internal: a 15-character nonce", "a nonce is 16 to 64 lower-case hex",
                headers={"X-Cacifo-Nonce": NONCE[:15]}),
        refused(insert, "back-end: tampered body", "the body is not the one signed",
                body=insert["body"].replace('"door_id":4', '"door_id":5')),
        refused(insert, "back-end: signed by another EC key under the back-end's key id", "wrong key",
                headers={"X-Cacifo-Signature": forged_by_stranger["X-Cacifo-Signature"]}),
        refused(insert, "back-end: an EC key the locker does not hold", "unknown key id", headers=forged_by_stranger),
        refused(insert, "back-end: the genuine signature as raw r||s (P1363)", "the signature is DER, not r||s",
                headers={"X-Cacifo-Signature": p1363}),
        refused(insert, "back-end: the genuine signature without its base64 padding", "base64 is padded",
                headers={"X-Cacifo-Signature": insert["headers"]["X-Cacifo-Signature"].rstrip("=")}),
        refused(insert, "back-end: the internal key where the back-end's is required",
                "an action that takes the back-end's key only", verify_with=["backend-ec"],
                headers=internal.headers(insert["method"], insert["path"], insert["query"],
                                         insert["body"].encode("utf-8"), NOW, NONCE)),
        refused(insert, "back-end: 31 s before signing", "stale: the window is 30 s either way", verify_at=NOW - 31),
        refused(events, "locker to back-end: tampered body", "the body is not the one signed",
                body='{"locker_id":"locker-001","events":[]}'),
        refused(events, "locker to back-end: signed with the internal key", "wrong key: events use backend-hmac-key",
                headers=internal.headers("POST", "/events", "", events_body.encode("utf-8"), NOW, NONCE)),
    ]

    request_body = events_body
    reply_body = '{"accepted":["e1"]}'

    def reply(nonce, reply_text, key_text):
        text = cv.reply_canonical(nonce, request_body.encode("utf-8"), reply_text.encode("utf-8"))
        return {"headers": {"X-Cacifo-Key-Id": cv.hmac_key_id(key_text), "X-Cacifo-Signature": cv.hmac_hex(key_text, text)},
                "canonical": text}

    good = reply(NONCE, reply_body, BACKEND_HMAC)
    replies = [
        {"name": "back-end's answer to the events request", "key": "backend-hmac-key", "request_nonce": NONCE,
         "request_body": request_body, "reply_body": reply_body, "canonical": good["canonical"],
         "headers": good["headers"], "expect": "valid"},
        {"name": "the answer captured for another request", "why": "signed for another nonce",
         "key": "backend-hmac-key", "request_nonce": NONCE, "request_body": request_body, "reply_body": reply_body,
         "headers": reply("ffeeddccbbaa99887766554433221100", reply_body, BACKEND_HMAC)["headers"],
         "expect": "refused"},
        {"name": "a changed answer body", "why": "the reply body is not the one signed", "key": "backend-hmac-key",
         "request_nonce": NONCE, "request_body": request_body, "reply_body": '{"accepted":["e1","e2"]}',
         "headers": good["headers"], "expect": "refused"},
        {"name": "an answer signed under another key", "why": "wrong key", "key": "backend-hmac-key",
         "request_nonce": NONCE, "request_body": request_body, "reply_body": reply_body,
         "headers": reply(NONCE, reply_body, STRANGER_HMAC)["headers"], "expect": "refused"},
    ]
    return {
        "about": "Request signatures (docs/api.md, Signing) and the back-end's signed answer to POST /events "
                 "(docs/api.md, Back-end events). Format: docs/vectors/README.md.",
        "max_skew_seconds": cv.MAX_SKEW_SECONDS,
        "keys": keys, "requests": requests, "replies": replies,
    }


def code_hash():
    keys = {"code-hash-key": hmac_key("the locker's code-hash-key", CODE_HASH_KEY),
            "other-code-hash-key": hmac_key("another locker's code-hash-key", OTHER_CODE_HASH_KEY)}
    hashes = []
    for key, code in [("code-hash-key", "1234567890"), ("code-hash-key", "0000000000"),
                      ("code-hash-key", "987654321012"), ("code-hash-key", "0042"),
                      ("code-hash-key", "12345678901234567890123456789012"), ("other-code-hash-key", "1234567890")]:
        hashes.append({"key": key, "code": code, "input": "cacifo-code:" + code,
                       "hash": cv.code_hash(keys[key]["text"], code)})
    refused_codes = [("123", "fewer than 4 digits"), ("123456789012345678901234567890123", "more than 32 digits"),
                     ("12a45678", "not digits only"), (" 12345678", "surrounding space"),
                     ("１２３４５６７８", "full-width digits are not ASCII"), ("", "empty")]
    return {"about": "The stored form of a parcel code (docs/api.md, reservation-manager). Format: docs/vectors/README.md.",
            "keys": keys, "hashes": hashes,
            "refused": [{"code": code, "why": why} for code, why in refused_codes]}


def codes_envelope():
    locker = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    keys = {
        "locker": {"about": "the locker's RSA 3072 pair (secret locker-private-key; the back-end holds the public PEM)",
                   "private_pem": pem_private(locker), "public_pem": pem_public(locker.public_key()),
                   "key_id": cv.public_key_id(locker.public_key())},
        "other-locker": {"about": "another locker's RSA 2048 pair", "private_pem": pem_private(other),
                         "public_pem": pem_public(other.public_key()), "key_id": cv.public_key_id(other.public_key())},
    }
    codes = {"deposit_code": "4810273659", "pickup_code": "7302918465", "backup_code": "591827364012"}
    plaintext = json.dumps(codes, separators=(",", ":"))
    aad = "P-2026-0001"
    data_key = bytes(range(0x40, 0x60))
    iv = bytes.fromhex("cafebabefacedbaddecaf888")
    envelope = cv.seal(locker.public_key(), plaintext, aad, data_key, iv)
    seal = [{"name": "the parcel P-2026-0001's three codes", "key": "locker", "plaintext": plaintext, "aad": aad,
             "data_key_hex": data_key.hex(), "iv": cv.b64(iv), "envelope": envelope}]

    def changed(field, index):
        raw = bytearray(base64.b64decode(envelope[field]))
        raw[index] ^= 0x01
        return dict(envelope, **{field: cv.b64(bytes(raw))})

    other_sealed = cv.seal(other.public_key(), plaintext, aad)
    opened = [
        {"name": "the envelope opens to its codes", "key": "locker", "envelope": envelope, "aad": aad,
         "expect": "opens", "plaintext": plaintext, "codes": codes},
        {"name": "another parcel's external id", "why": "wrong AAD", "key": "locker", "envelope": envelope,
         "aad": "P-2026-0002", "expect": "refused"},
        {"name": "a prefix of the external id", "why": "wrong AAD", "key": "locker", "envelope": envelope,
         "aad": "P-2026-000", "expect": "refused"},
        {"name": "a flipped bit in the ciphertext", "why": "tampered ciphertext", "key": "locker",
         "envelope": changed("ciphertext", 0), "aad": aad, "expect": "refused"},
        {"name": "a flipped bit in the tag", "why": "tampered tag", "key": "locker",
         "envelope": changed("ciphertext", -1), "aad": aad, "expect": "refused"},
        {"name": "a flipped bit in the IV", "why": "tampered IV", "key": "locker", "envelope": changed("iv", 11),
         "aad": aad, "expect": "refused"},
        {"name": "a flipped bit in the wrapped key", "why": "tampered wrapped key", "key": "locker",
         "envelope": changed("wrapped_key", 128), "aad": aad, "expect": "refused"},
        {"name": "sealed for another locker", "why": "wrong key (its kid names the other key)", "key": "locker",
         "envelope": other_sealed, "aad": aad, "expect": "refused"},
        {"name": "sealed for another locker, relabelled with this locker's kid", "why": "wrong key", "key": "locker",
         "envelope": dict(other_sealed, kid=keys["locker"]["key_id"]), "aad": aad, "expect": "refused"},
    ]
    return {"about": "The codes envelope of reservation-manager insert (docs/api.md, codes_envelope). "
                     "Format: docs/vectors/README.md.",
            "alg": cv.ENVELOPE_ALG, "keys": keys, "seal": seal, "open": opened}


def write(directory):
    os.makedirs(directory, exist_ok=True)
    for name, document in [("signatures.json", signatures()), ("code-hash.json", code_hash()),
                           ("codes-envelope.json", codes_envelope())]:
        with open(os.path.join(directory, name), "w", encoding="utf-8") as f:
            json.dump(document, f, indent=2, ensure_ascii=False)
            f.write("\n")
