#!/usr/bin/env python3
"""Writes srp.json: Cognito SRP-6a and SECRET_HASH vectors from an independent implementation.

The client side (A, the HKDF key, the PASSWORD_VERIFIER answer) is pycognito's AWSSRP, run with
fixed private values and a fixed clock. pycognito has no server side, so the verifier v and B
are computed here from the same formulas with pycognito's helpers, and checked by deriving the
server's key (S = (A * v^u)^b mod N) and comparing it with pycognito's.

Usage:  python3 -m venv /tmp/srp-venv && /tmp/srp-venv/bin/pip install pycognito
        /tmp/srp-venv/bin/python tests/vectors/gen_srp_vectors.py
"""

import base64
import datetime
import hashlib
import hmac
import json
import pathlib
import types
from importlib import metadata

from pycognito import aws_srp
from pycognito.aws_srp import (
    AWSSRP,
    N_HEX,
    G_HEX,
    calculate_u,
    compute_hkdf,
    hash_sha256,
    hex_hash,
    hex_to_long,
    long_to_hex,
    pad_hex,
)

OUT = pathlib.Path(__file__).with_name("srp.json")
N = hex_to_long(N_HEX)
G = hex_to_long(G_HEX)
K = hex_to_long(hex_hash("00" + N_HEX + "0" + G_HEX))


def det_bytes(label, count):
    """`count` bytes that depend only on `label`."""
    out = b""
    block = 0
    while len(out) < count:
        out += hashlib.sha256(f"{label}/{block}".encode()).digest()
        block += 1
    return out[:count]


def shape(value):
    """How pad_hex treats a number: 'odd' (one 0 nibble added), 'high' (00 byte added), 'plain'."""
    text = long_to_hex(value)
    if len(text) % 2 == 1:
        return "odd"
    return "high" if text[0] in "89abcdef" else "plain"


def run_pycognito(case):
    """pycognito's client, with the private value and the clock fixed."""
    srp = AWSSRP(
        username=case["username"],
        password=case["password"],
        pool_id=case["pool_id"],
        client_id=case["client_id"],
        client=object(),  # never used: no call goes to AWS
        client_secret=case["client_secret"],
    )
    srp.small_a_value = case["a"]
    srp.large_a_value = srp.calculate_a()
    fixed = datetime.datetime.fromtimestamp(case["unix_time"], datetime.timezone.utc).replace(
        tzinfo=None
    )

    class FixedClock(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return fixed

    real_datetime = aws_srp.datetime
    aws_srp.datetime = types.SimpleNamespace(datetime=FixedClock)
    try:
        answer = srp.process_challenge(case["challenge"], {"USERNAME": case["username"]})
    finally:
        aws_srp.datetime = real_datetime
    key = srp.get_password_authentication_key(
        case["user_id_for_srp"], case["password"], hex_to_long(case["challenge"]["SRP_B"]),
        case["challenge"]["SALT"],
    )
    return srp, answer, key


def make_case(index, name_hint, username, password, pool_id, unix_time):
    a = hex_to_long(det_bytes(f"a/{index}", 128).hex()) % N
    b = hex_to_long(det_bytes(f"b/{index}", 128).hex()) % N
    salt = hex_to_long(det_bytes(f"salt/{index}", 16).hex())
    salt_hex = long_to_hex(salt)
    secret_block = det_bytes(f"block/{index}", 200 + index)
    user_id_for_srp = f"{index:08x}-1c2d-4e5f-8a9b-{index:012x}"
    pool_name = pool_id.split("_")[1]

    # Server side, from the formulas pycognito's client mirrors.
    identity = hash_sha256(f"{pool_name}{user_id_for_srp}:{password}".encode("utf-8"))
    x = hex_to_long(hex_hash(pad_hex(salt_hex) + identity))
    v = pow(G, x, N)
    big_b = (K * v + pow(G, b, N)) % N
    case = {
        "username": username,
        "password": password,
        "pool_id": pool_id,
        "client_id": "3n4b5urk1ft4fl3mg5e62d9ado",
        "client_secret": "1p0gpebtuq8o4ruf3l1t1ak4jmchnp2b6p3ecbv5n4rfo9g4c5bv",
        "user_id_for_srp": user_id_for_srp,
        "a": a,
        "unix_time": unix_time,
        "challenge": {
            "USERNAME": user_id_for_srp,
            "USER_ID_FOR_SRP": user_id_for_srp,
            "SALT": salt_hex,
            "SRP_B": long_to_hex(big_b),
            "SECRET_BLOCK": base64.standard_b64encode(secret_block).decode(),
        },
    }
    srp, answer, key = run_pycognito(case)
    big_a = srp.large_a_value

    u = calculate_u(big_a, big_b)
    server_s = pow(big_a * pow(v, u, N), b, N)
    server_key = compute_hkdf(bytes.fromhex(pad_hex(server_s)), bytes.fromhex(pad_hex(u)))
    assert server_key == key, "server and client keys differ"
    client_s = pow(big_b - K * pow(G, x, N), a + u * x, N)
    assert client_s == server_s

    shapes = {
        "A": shape(big_a), "B": shape(big_b), "S": shape(server_s),
        "u": "short" if len(long_to_hex(u)) < 64 else shape(u), "salt": shape(salt),
    }
    vector = {
        "name": f"{name_hint} {index}",
        "padding": shapes,
        "pool_id": pool_id,
        "username": username,
        "password": password,
        "client_id": case["client_id"],
        "client_secret": case["client_secret"],
        "a": long_to_hex(a),
        "b": long_to_hex(b),
        "salt": salt_hex,
        "verifier": long_to_hex(v),
        "unix_time": unix_time,
        "challenge_parameters": case["challenge"],
        "srp_a": srp.get_auth_params()["SRP_A"],
        "srp_b": long_to_hex(big_b),
        "u": long_to_hex(u),
        "hkdf_key": key.hex(),
        "challenge_responses": answer,
    }
    return vector


def srp_vectors():
    wanted = {(part, form) for part in ("A", "B", "S", "salt") for form in ("odd", "high", "plain")}
    wanted |= {("u", "short"), ("u", "high"), ("u", "plain")}
    vectors, covered = [], set()
    people = [
        ("alice", "Correct horse battery 1!"),
        ("bob@example.com", "pässwörd ✓ 日本"),
        ("Carol.O'Neil", "p@ss:with:colons"),
    ]
    # Day 5 (single digit, zero-padded by strftime), day 28, a midnight, a new year's eve.
    times = [1709629623, 1709164800, 1704067199, 1735689600]
    index = 0
    while wanted - covered or len(vectors) < 4:
        username, password = people[index % len(people)]
        vector = make_case(
            index, "case", username, password, "us-east-1_Zq8XvB3nK", times[index % len(times)]
        )
        new = {(part, form) for part, form in vector["padding"].items()} - covered
        if new or len(vectors) < 4:
            covered |= new
            vectors.append(vector)
        index += 1
        assert index < 2000, f"no case for {wanted - covered}"
    return vectors


def secret_hash_vectors():
    cases = [
        ("alice", "3n4b5urk1ft4fl3mg5e62d9ado", "1p0gpebtuq8o4ruf3l1t1ak4jmchnp2b6p3ecbv5n4rfo9g4c5bv"),
        ("bob@example.com", "7a1b2c3d4e5f6g7h8i9j0k1l2m", "s"),
        ("ünïcode-user", "client", "a-secret-longer-than-one-sha256-block-" + "x" * 40),
        ("", "client", "secret"),
    ]
    out = []
    for username, client_id, client_secret in cases:
        tag = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256)
        expected = base64.standard_b64encode(tag.digest()).decode()
        assert expected == AWSSRP.get_secret_hash(username, client_id, client_secret)
        out.append({
            "username": username, "client_id": client_id, "client_secret": client_secret,
            "secret_hash": expected,
        })
    return out


def timestamp_vectors():
    times = [1709629623, 1709164800, 1704067199, 1735689600, 951782400, 4102444800 - 1]
    return [
        {
            "unix_time": t,
            "timestamp": AWSSRP.get_cognito_formatted_timestamp(
                datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
            ),
        }
        for t in times
    ]


def main():
    document = {
        "generator": "tests/vectors/gen_srp_vectors.py",
        "pycognito_version": metadata.version("pycognito"),
        "srp": srp_vectors(),
        "secret_hash": secret_hash_vectors(),
        "timestamps": timestamp_vectors(),
    }
    OUT.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(document['srp'])} SRP cases")
    for vector in document["srp"]:
        print(" ", vector["name"], vector["padding"])


if __name__ == "__main__":
    main()
