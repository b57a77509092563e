#!/usr/bin/python3
"""How the locker signs and seals (docs/api.md, "Signing", "Back-end events",
"codes_envelope"), written apart from the Java kit, in Python 3 with the standard library and
python3-cryptography only: what a back-end written in another language has to do.

    cacifo_vectors.py check                      every vector of docs/vectors/, positive and negative
    cacifo_vectors.py sign-request --key FILE --path /function/NAME --query action=X --body TEXT
    cacifo_vectors.py call --gateway URL --key FILE --function NAME --action X --body TEXT
    cacifo_vectors.py verify-request --key FILE --path P --query Q --body TEXT --headers JSON
    cacifo_vectors.py seal-codes --locker-public-key FILE --external-id ID --deposit C --pickup C --backup C
    cacifo_vectors.py open-codes --locker-private-key FILE --external-id ID --envelope JSON
    cacifo_vectors.py generate                   rewrites docs/vectors/ (new keys: only to change them)

A key FILE holding a PEM private key signs with the back-end's ECDSA P-256 signature (the file may
also hold its public block, as the back-end tool writes it); a public PEM verifies one; any other
text is an HMAC key (internal-hmac-key, backend-hmac-key), used as the file's text without
surrounding whitespace, as UTF-8 bytes. `check` exits 1 on any mismatch and names it.
"""
import argparse
import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import secrets
import sys
import time
import urllib.error
import urllib.request

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "vectors")
MAX_SKEW_SECONDS = 30
NONCE = re.compile(r"[0-9a-f]{16,64}")
HEX_SIGNATURE = re.compile(r"[0-9a-f]{64}")
# Standard padded base64 of at most 72 bytes (a DER P-256 signature), as the locker accepts it.
BASE64_SIGNATURE = re.compile(r"(?:[A-Za-z0-9+/]{4}){1,23}(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)")
CODE = re.compile(r"[0-9]{4,32}")
KEY_ID = re.compile(r"[0-9a-f]{16}")
ENVELOPE_ALG = "RSA-OAEP-256+A256GCM"
OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
HEADERS = ("X-Cacifo-Key-Id", "X-Cacifo-Timestamp", "X-Cacifo-Nonce", "X-Cacifo-Signature")


# ---- signing, hashing, sealing ------------------------------------------------------------------

def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical(method, path, query, timestamp, nonce, body: bytes) -> str:
    """cacifo-v1 \\n METHOD \\n PATH \\n raw QUERY \\n TIMESTAMP \\n NONCE \\n hex(sha256(body bytes))."""
    return "\n".join(["cacifo-v1", method, path, query or "", str(timestamp), nonce, sha256_hex(body)])


def reply_canonical(request_nonce, request_body: bytes, reply_body: bytes) -> str:
    return "\n".join(["cacifo-v1-reply", request_nonce, sha256_hex(request_body), sha256_hex(reply_body)])


def hmac_key_bytes(text: str) -> bytes:
    """The secret file's text without surrounding whitespace, as UTF-8 (not hex-decoded); 32 bytes at least."""
    key = text.strip().encode("utf-8")
    if len(key) < 32:
        raise ValueError("an HMAC key is at least 32 bytes")
    return key


def hmac_key_id(text: str) -> str:
    return sha256_hex(("cacifo-key-id:" + text.strip()).encode("utf-8"))[:16]


def hmac_hex(text: str, message: str) -> str:
    return hmac.new(hmac_key_bytes(text), message.encode("utf-8"), hashlib.sha256).hexdigest()


def public_key_id(public_key) -> str:
    """First 16 hex of sha256 of the X.509 SubjectPublicKeyInfo DER: EC (back-end) and RSA (locker) alike."""
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return sha256_hex(der)[:16]


def ecdsa_sign(private_key, message: str) -> str:
    """Standard padded base64 of the DER (not raw r||s) SHA256withECDSA signature; k is random."""
    return base64.b64encode(private_key.sign(message.encode("utf-8"), ec.ECDSA(hashes.SHA256()))).decode("ascii")


def ecdsa_matches(public_key, message: str, signature_b64: str) -> bool:
    try:
        der = base64.b64decode(signature_b64, validate=True)
        public_key.verify(der, message.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
        return True
    except (InvalidSignature, binascii.Error, ValueError):
        return False


def code_hash(key_text: str, code: str) -> str:
    """What the locker stores for a code: hex HMAC-SHA256 under code-hash-key of "cacifo-code:" + code."""
    if not isinstance(code, str) or not CODE.fullmatch(code):
        raise ValueError("a code is 4 to 32 ASCII digits")
    return hmac_hex(key_text, "cacifo-code:" + code)


class Signer:
    """One signing key: an HMAC key text, or the back-end's EC P-256 private key."""

    def __init__(self, hmac_text=None, ec_private=None):
        self.hmac_text = hmac_text
        self.ec_private = ec_private
        self.key_id = hmac_key_id(hmac_text) if hmac_text is not None else public_key_id(ec_private.public_key())

    def signature(self, message: str) -> str:
        return hmac_hex(self.hmac_text, message) if self.hmac_text is not None else ecdsa_sign(self.ec_private, message)

    def headers(self, method, path, query, body: bytes, timestamp=None, nonce=None) -> dict:
        timestamp = int(time.time()) if timestamp is None else int(timestamp)
        nonce = secrets.token_hex(16) if nonce is None else nonce
        return {"X-Cacifo-Key-Id": self.key_id, "X-Cacifo-Timestamp": str(timestamp), "X-Cacifo-Nonce": nonce,
                "X-Cacifo-Signature": self.signature(canonical(method, path, query, timestamp, nonce, body))}


class Verifier:
    """The receiving side's rules (docs/api.md, "Signing"), without the once-only nonce memory."""

    def __init__(self, hmac_texts=(), ec_publics=()):
        self.keys = {}
        for text in hmac_texts:
            self.keys[hmac_key_id(text)] = ("hmac", text)
        for key in ec_publics:
            self.keys[public_key_id(key)] = ("ecdsa", key)

    def refusal(self, method, path, query, headers: dict, body: bytes, now: int):
        """None when the request is genuine, else the rule it breaks."""
        found = {name.lower(): value.strip() for name, value in headers.items()}
        key = self.keys.get(found.get("x-cacifo-key-id", ""))
        if key is None:
            return "not signed with a key this receiver knows"
        try:
            timestamp = int(found.get("x-cacifo-timestamp", ""))
        except ValueError:
            return "no valid timestamp"
        if abs(now - timestamp) > MAX_SKEW_SECONDS:
            return "stale"
        nonce = found.get("x-cacifo-nonce", "")
        signature = found.get("x-cacifo-signature", "")
        form = HEX_SIGNATURE if key[0] == "hmac" else BASE64_SIGNATURE
        if not NONCE.fullmatch(nonce) or not form.fullmatch(signature):
            return "malformed"
        text = canonical(method, path, query, timestamp, nonce, body)
        if key[0] == "hmac":
            matches = hmac.compare_digest(hmac_hex(key[1], text), signature)
        else:
            matches = ecdsa_matches(key[1], text, signature)
        return None if matches else "signature does not match"


def seal(locker_public, plaintext: str, aad: str, data_key=None, iv=None) -> dict:
    """The codes envelope; a fresh data key and IV unless given (vectors give them)."""
    data_key = os.urandom(32) if data_key is None else data_key
    iv = os.urandom(12) if iv is None else iv
    ciphertext = AESGCM(data_key).encrypt(iv, plaintext.encode("utf-8"), aad.encode("utf-8"))
    return {"alg": ENVELOPE_ALG, "kid": public_key_id(locker_public),
            "wrapped_key": b64(locker_public.encrypt(data_key, OAEP)), "iv": b64(iv), "ciphertext": b64(ciphertext)}


class EnvelopeRefused(Exception):
    pass


def open_envelope(locker_private, envelope, aad: str) -> str:
    """The plaintext, or EnvelopeRefused (the locker's 400 invalid_envelope)."""
    if not isinstance(envelope, dict) or envelope.get("alg") != ENVELOPE_ALG:
        raise EnvelopeRefused("alg")
    kid = envelope.get("kid")
    if not isinstance(kid, str) or not KEY_ID.fullmatch(kid):
        raise EnvelopeRefused("kid")
    if kid != public_key_id(locker_private.public_key()):
        raise EnvelopeRefused("sealed for another locker key")
    try:
        wrapped = base64.b64decode(envelope["wrapped_key"], validate=True)
        iv = base64.b64decode(envelope["iv"], validate=True)
        ciphertext = base64.b64decode(envelope["ciphertext"], validate=True)
    except (KeyError, TypeError, binascii.Error, ValueError):
        raise EnvelopeRefused("a field is not standard base64")
    if len(iv) != 12 or len(ciphertext) < 17:
        raise EnvelopeRefused("a field has the wrong length")
    try:
        data_key = locker_private.decrypt(wrapped, OAEP)
        if len(data_key) != 32:
            raise ValueError("data key length")
        return AESGCM(data_key).decrypt(iv, ciphertext, aad.encode("utf-8")).decode("utf-8")
    except (ValueError, InvalidTag, UnicodeDecodeError):
        raise EnvelopeRefused("cannot be opened by this locker")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def load_pem_private(text: str):
    return serialization.load_pem_private_key(text.encode("ascii"), password=None)


def load_pem_public(text: str):
    return serialization.load_pem_public_key(text.encode("ascii"))


# ---- check --------------------------------------------------------------------------------------

class Report:
    def __init__(self):
        self.checked = 0
        self.failed = []

    def expect(self, what, ok, detail=""):
        self.checked += 1
        print(("ok    " if ok else "FAIL  ") + what + ("" if ok or not detail else ": " + detail))
        if not ok:
            self.failed.append(what)

    def equal(self, what, expected, got):
        self.expect(what, expected == got, "expected %r, got %r" % (expected, got))


def read_vectors(directory, name):
    with open(os.path.join(directory, name), encoding="utf-8") as f:
        return json.load(f)


def request_keys(keys, names):
    hmacs, publics = [], []
    for name in names:
        key = keys[name]
        if key["type"] == "hmac-sha256":
            hmacs.append(key["text"])
        else:
            publics.append(load_pem_public(key["public_pem"]))
    return Verifier(hmacs, publics)


def check_signatures(doc, report):
    keys = doc["keys"]
    for name, key in keys.items():
        if key["type"] == "hmac-sha256":
            report.equal("key id of %s" % name, key["key_id"], hmac_key_id(key["text"]))
        else:
            private = load_pem_private(key["private_pem"])
            public = load_pem_public(key["public_pem"])
            report.expect("%s: the public PEM belongs to the private PEM" % name,
                          public.public_numbers() == private.public_key().public_numbers())
            report.expect("%s: the key is on P-256" % name, isinstance(public.curve, ec.SECP256R1))
            report.equal("key id of %s" % name, key["key_id"], public_key_id(public))
    for vector in doc["requests"]:
        what = "request '%s'" % vector["name"]
        body = vector["body"].encode("utf-8")
        verifier = request_keys(keys, vector["verify_with"])
        refusal = verifier.refusal(vector["method"], vector["path"], vector["query"], vector["headers"], body,
                                   vector["verify_at"])
        if vector["expect"] == "valid":
            signer_key = keys[vector["signer"]]
            report.equal(what + ": body sha256", vector["body_sha256"], sha256_hex(body))
            text = canonical(vector["method"], vector["path"], vector["query"], vector["timestamp"], vector["nonce"], body)
            report.equal(what + ": canonical text", vector["canonical"], text)
            report.equal(what + ": key id header", signer_key["key_id"], vector["headers"]["X-Cacifo-Key-Id"])
            report.equal(what + ": timestamp and nonce headers", [str(vector["timestamp"]), vector["nonce"]],
                         [vector["headers"]["X-Cacifo-Timestamp"], vector["headers"]["X-Cacifo-Nonce"]])
            if signer_key["type"] == "hmac-sha256":
                report.equal(what + ": signature", vector["headers"]["X-Cacifo-Signature"], hmac_hex(signer_key["text"], text))
            else:
                # ECDSA signatures are randomized: a fresh one differs each time and must verify too.
                fresh = Signer(ec_private=load_pem_private(signer_key["private_pem"])).headers(
                    vector["method"], vector["path"], vector["query"], body, vector["timestamp"], vector["nonce"])
                report.expect(what + ": a fresh signature verifies", verifier.refusal(
                    vector["method"], vector["path"], vector["query"], fresh, body, vector["verify_at"]) is None)
            report.expect(what + ": verifies", refusal is None, str(refusal))
        else:
            report.expect(what + ": refused (%s)" % vector["why"], refusal is not None, "it verified")
    for vector in doc["replies"]:
        what = "reply '%s'" % vector["name"]
        key = keys[vector["key"]]
        request_body = vector["request_body"].encode("utf-8")
        reply_body = vector["reply_body"].encode("utf-8")
        text = reply_canonical(vector["request_nonce"], request_body, reply_body)
        genuine = (vector["headers"]["X-Cacifo-Key-Id"] == key["key_id"]
                   and hmac.compare_digest(hmac_hex(key["text"], text), vector["headers"]["X-Cacifo-Signature"]))
        if vector["expect"] == "valid":
            report.equal(what + ": canonical text", vector["canonical"], text)
            report.equal(what + ": signature", vector["headers"]["X-Cacifo-Signature"], hmac_hex(key["text"], text))
            report.expect(what + ": trusted", genuine)
        else:
            report.expect(what + ": not trusted (%s)" % vector["why"], not genuine, "it was trusted")


def check_code_hash(doc, report):
    keys = doc["keys"]
    for name, key in keys.items():
        report.equal("key id of %s" % name, key["key_id"], hmac_key_id(key["text"]))
    for vector in doc["hashes"]:
        what = "code hash of %s under %s" % (vector["code"], vector["key"])
        report.equal(what + ": input", vector["input"], "cacifo-code:" + vector["code"])
        report.equal(what, vector["hash"], code_hash(keys[vector["key"]]["text"], vector["code"]))
    for vector in doc["refused"]:
        try:
            code_hash(next(iter(keys.values()))["text"], vector["code"])
            refused = False
        except ValueError:
            refused = True
        report.expect("code %r refused unhashed (%s)" % (vector["code"], vector["why"]), refused)


def check_envelopes(doc, report):
    keys = {name: (load_pem_private(key["private_pem"]), load_pem_public(key["public_pem"]), key["key_id"])
            for name, key in doc["keys"].items()}
    for name, (private, public, key_id) in keys.items():
        report.expect("%s: the public PEM belongs to the private PEM" % name,
                      public.public_numbers() == private.public_key().public_numbers())
        report.equal("key id of %s" % name, key_id, public_key_id(public))
    for vector in doc["seal"]:
        what = "seal '%s'" % vector["name"]
        private, public, key_id = keys[vector["key"]]
        data_key = bytes.fromhex(vector["data_key_hex"])
        iv = base64.b64decode(vector["iv"])
        aad = vector["aad"]
        ciphertext = AESGCM(data_key).encrypt(iv, vector["plaintext"].encode("utf-8"), aad.encode("utf-8"))
        report.equal(what + ": AES-256-GCM ciphertext and tag", vector["envelope"]["ciphertext"], b64(ciphertext))
        report.equal(what + ": kid", key_id, vector["envelope"]["kid"])
        report.equal(what + ": iv", vector["iv"], vector["envelope"]["iv"])
        report.equal(what + ": the fixed wrapped key opens to the data key", vector["data_key_hex"],
                     private.decrypt(base64.b64decode(vector["envelope"]["wrapped_key"]), OAEP).hex())
        fresh = seal(public, vector["plaintext"], aad, data_key, iv)
        report.equal(what + ": sealing again gives the same ciphertext (OAEP differs)",
                     vector["envelope"]["ciphertext"], fresh["ciphertext"])
    for vector in doc["open"]:
        what = "open '%s'" % vector["name"]
        private = keys[vector["key"]][0]
        try:
            plaintext = open_envelope(private, vector["envelope"], vector["aad"])
            refusal = None
        except EnvelopeRefused as e:
            plaintext, refusal = None, str(e)
        if vector["expect"] == "opens":
            report.equal(what + ": plaintext", vector["plaintext"], plaintext)
            report.equal(what + ": codes", vector["codes"], json.loads(plaintext) if plaintext else None)
        else:
            report.expect(what + ": refused (%s)" % vector["why"], refusal is not None, "it opened")


def check(directory):
    report = Report()
    check_signatures(read_vectors(directory, "signatures.json"), report)
    check_code_hash(read_vectors(directory, "code-hash.json"), report)
    check_envelopes(read_vectors(directory, "codes-envelope.json"), report)
    if report.failed:
        print("%d of %d checks FAILED: %s" % (len(report.failed), report.checked, "; ".join(report.failed)))
        return 1
    print("all %d checks passed" % report.checked)
    return 0


# ---- command line -------------------------------------------------------------------------------

def signer_from_file(path) -> Signer:
    text = open(path, encoding="utf-8").read()
    if "PRIVATE KEY-----" in text:
        start = text.index("-----BEGIN PRIVATE KEY-----")
        end = text.index("-----END PRIVATE KEY-----") + len("-----END PRIVATE KEY-----")
        private = load_pem_private(text[start:end])
        if not isinstance(private, ec.EllipticCurvePrivateKey) or not isinstance(private.curve, ec.SECP256R1):
            raise SystemExit("the private key in %s is not EC P-256" % path)
        return Signer(ec_private=private)
    return Signer(hmac_text=text.strip())


def verifier_from_file(path) -> Verifier:
    text = open(path, encoding="utf-8").read()
    if "-----BEGIN PUBLIC KEY-----" in text:
        blocks = re.findall(r"-----BEGIN PUBLIC KEY-----.*?-----END PUBLIC KEY-----", text, re.S)
        return Verifier(ec_publics=[load_pem_public(block) for block in blocks])
    return Verifier(hmac_texts=[text.strip()])


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    c = commands.add_parser("check", help="check every vector; exit 1 on any mismatch")
    c.add_argument("--vectors", default=VECTORS)
    g = commands.add_parser("generate", help="rewrite the vector files (new keys, new random parts)")
    g.add_argument("--vectors", default=VECTORS)
    for name in ("sign-request", "verify-request"):
        s = commands.add_parser(name)
        s.add_argument("--key", required=True, help="key file: EC private/public PEM or HMAC key text")
        s.add_argument("--method", default="POST")
        s.add_argument("--path", required=True)
        s.add_argument("--query", default="")
        s.add_argument("--body", default="")
        if name == "sign-request":
            s.add_argument("--timestamp", type=int, help="epoch seconds; default now")
            s.add_argument("--nonce", help="default 32 random hex")
        else:
            s.add_argument("--headers", required=True, help="the received headers as a JSON object")
            s.add_argument("--now", type=int, help="the receiver's clock, epoch seconds; default now")
    k = commands.add_parser("call", help="sign and POST to <gateway>/function/<function>?action=<action>")
    k.add_argument("--gateway", required=True)
    k.add_argument("--key", required=True)
    k.add_argument("--function", required=True)
    k.add_argument("--action", required=True)
    k.add_argument("--body", default="")
    s = commands.add_parser("seal-codes")
    s.add_argument("--locker-public-key", required=True)
    s.add_argument("--external-id", required=True)
    for kind in ("deposit", "pickup", "backup"):
        s.add_argument("--" + kind, required=True)
    o = commands.add_parser("open-codes")
    o.add_argument("--locker-private-key", required=True)
    o.add_argument("--external-id", required=True)
    o.add_argument("--envelope", required=True, help="the envelope as a JSON object")
    args = parser.parse_args(argv)

    if args.command == "check":
        return check(args.vectors)
    if args.command == "generate":
        sys.dont_write_bytecode = True  # no __pycache__ beside the script in the repository
        import generate_vectors
        generate_vectors.write(args.vectors)
        return check(args.vectors)
    if args.command == "sign-request":
        headers = signer_from_file(args.key).headers(args.method, args.path, args.query, args.body.encode("utf-8"),
                                                     args.timestamp, args.nonce)
        print(json.dumps(headers))
        return 0
    if args.command == "verify-request":
        now = int(time.time()) if args.now is None else args.now
        refusal = verifier_from_file(args.key).refusal(args.method, args.path, args.query, json.loads(args.headers),
                                                       args.body.encode("utf-8"), now)
        print("valid" if refusal is None else "refused: " + refusal)
        return 0 if refusal is None else 1
    if args.command == "call":
        path = "/function/" + args.function
        query = "action=" + args.action
        body = args.body.encode("utf-8")
        request = urllib.request.Request(args.gateway.rstrip("/") + path + "?" + query, data=body, method="POST")
        request.add_header("Content-Type", "application/json; charset=utf-8")
        for name, value in signer_from_file(args.key).headers("POST", path, query, body).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                status, text = reply.status, reply.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode("utf-8")
        print(json.dumps({"status": status, "body": text}))
        return 0
    if args.command == "seal-codes":
        public = load_pem_public(open(args.locker_public_key, encoding="utf-8").read())
        if not isinstance(public, rsa.RSAPublicKey):
            raise SystemExit("the locker's public key must be RSA")
        plaintext = json.dumps({"deposit_code": args.deposit, "pickup_code": args.pickup, "backup_code": args.backup},
                               separators=(",", ":"))
        print(json.dumps(seal(public, plaintext, args.external_id)))
        return 0
    if args.command == "open-codes":
        private = load_pem_private(open(args.locker_private_key, encoding="utf-8").read())
        try:
            print(open_envelope(private, json.loads(args.envelope), args.external_id))
            return 0
        except EnvelopeRefused as e:
            print("refused: " + str(e))
            return 1
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
