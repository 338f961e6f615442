"""Loaded by the moto_server the tests start (PYTHONPATH): widens moto 5.2.1's KMS
ciphertext header. moto stores the key id in a 36-byte field, but multi-Region key ids
("mrk-" + a UUID) have 40 characters, so moto cannot decrypt what it encrypted under
one. The field becomes 40 bytes, NUL-padded; nothing else changes. Test harness only:
the product never depends on it."""

try:
    from moto.kms import utils as _kms_utils
except Exception:  # not moto's interpreter, or another moto: leave it alone
    _kms_utils = None

if _kms_utils is not None and getattr(_kms_utils, "KEY_ID_LEN", None) == 36:
    _kms_utils.KEY_ID_LEN = 40
    _kms_utils.HEADER_LEN = _kms_utils.KEY_ID_LEN + _kms_utils.IV_LEN + _kms_utils.TAG_LEN
    _kms_utils.CIPHERTEXT_HEADER_FORMAT = (
        f">{_kms_utils.KEY_ID_LEN}s{_kms_utils.IV_LEN}s{_kms_utils.TAG_LEN}s"
    )
    _original_deserialize = _kms_utils._deserialize_ciphertext_blob

    def _deserialize_ciphertext_blob(ciphertext_blob):
        parsed = _original_deserialize(ciphertext_blob)
        return parsed._replace(key_id=parsed.key_id.rstrip("\x00"))

    _kms_utils._deserialize_ciphertext_blob = _deserialize_ciphertext_blob
