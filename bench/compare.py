#!/usr/bin/env python3
"""Whole-process timings, side by side and interleaved (A B C, A B C, ...), so that machine
noise hits every contestant alike. Prints medians and ratios.

    bench/compare.sh            # builds, installs the peers, then runs this

Contestants: cognito-mfa, curl sending the same request, the AWS CLI (awscli from PyPI), and
for sign-in pycognito. Peers: moto (third-party Cognito emulator) and cognito-mfa's own emulator,
both on loopback, the emulator over HTTP and over HTTPS (`emulator --tls`, its CA given to each
contestant: --ca-bundle, curl --cacert).
"""
import base64, hashlib, hmac, json, os, ssl, statistics, struct, subprocess, sys, tempfile, time, urllib.request, socket

BIN = os.environ["BIN"]
AWS = os.environ["AWS"]
PYCOGNITO_PY = os.environ["PYCOGNITO_PY"]
MOTO = os.environ["MOTO_SERVER"]
ROUNDS = int(os.environ.get("ROUNDS", "30"))
BASELINE = os.environ.get("BASELINE_BIN")
TARGET = "AWSCognitoIdentityProviderService."


def call(endpoint, op, body, ca=None):
    req = urllib.request.Request(endpoint, data=json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": TARGET + op})
    context = ssl.create_default_context(cafile=ca) if ca else None
    with urllib.request.urlopen(req, timeout=10, context=context) as r:
        return json.loads(r.read() or b"{}")


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def start_moto():
    port = free_port()
    env = dict(os.environ, MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP="true")
    p = subprocess.Popen([MOTO, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, env=env)
    for line in p.stderr:
        if "Running on" in line:
            break
    else:
        sys.exit("moto did not start")
    return p, f"http://127.0.0.1:{port}"


def seed_moto(endpoint, mfa):
    pool = call(endpoint, "CreateUserPool", {"PoolName": "bench", "MfaConfiguration": mfa})["UserPool"]["Id"]
    call(endpoint, "SetUserPoolMfaConfig", {"UserPoolId": pool, "MfaConfiguration": mfa,
                                            "SoftwareTokenMfaConfiguration": {"Enabled": True}})
    client = call(endpoint, "CreateUserPoolClient", {"UserPoolId": pool, "ClientName": "bench", "ExplicitAuthFlows": [
        "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]})["UserPoolClient"]["ClientId"]
    user, password = "bench@example.com", "Corr3ct-Horse!"
    call(endpoint, "AdminCreateUser", {"UserPoolId": pool, "Username": user, "MessageAction": "SUPPRESS"})
    call(endpoint, "AdminSetUserPassword", {"UserPoolId": pool, "Username": user, "Password": password, "Permanent": True})
    return pool, client, user, password


def start_emulator(ca_out=None):
    pool = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pool.toml")
    tls = ["--tls", "--ca-out", ca_out] if ca_out else []
    p = subprocess.Popen([BIN, "emulator", "--port", "0", "--config", pool, *tls], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    report = json.loads(p.stdout.readline())
    return p, report


def access_token(endpoint, client, user, password, ca=None):
    r = call(endpoint, "InitiateAuth", {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client,
                                        "AuthParameters": {"USERNAME": user, "PASSWORD": password}}, ca)
    return r["AuthenticationResult"]["AccessToken"]


def timed(cmd, env=None, stdin=None):
    t = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, input=stdin, text=True)
    elapsed = time.perf_counter() - t
    return elapsed, r.returncode, r.stderr


def compare(title, contestants, rounds=ROUNDS):
    """contestants: [(name, fn() -> cmd list, expected exit codes, stdin)]"""
    times = {name: [] for name, *_ in contestants}
    for name, make, ok, stdin in contestants:  # one warm-up each
        _, code, err = timed(make(), env=AWS_ENV, stdin=stdin)
        if code not in ok:
            sys.exit(f"{title}: {name} exited {code}: {err}")
    for _ in range(rounds):
        for name, make, ok, stdin in contestants:
            t, code, err = timed(make(), env=AWS_ENV, stdin=stdin)
            if code not in ok:
                sys.exit(f"{title}: {name} exited {code}: {err}")
            times[name].append(t)
    base = statistics.median(times[contestants[0][0]])
    print(f"\n{title} ({rounds} interleaved rounds)")
    for name, *_ in contestants:
        m = statistics.median(times[name])
        print(f"  {name:<34} median {m * 1000:8.1f} ms   {m / base:6.2f}x of cognito-mfa")
    return {name: statistics.median(v) for name, v in times.items()}


AWS_ENV = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
               AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE="/nonexistent", AWS_PAGER="")


def totp_now(secret):
    """RFC 6238 for the current step (moto's short secret has no padding: add it)."""
    if 30 - time.time() % 30 < 2:  # moto takes only the current step: let it turn first
        time.sleep(30 - time.time() % 30)
    s = secret.upper()
    key = base64.b32decode(s + "=" * (-len(s) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    o = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)


def main():
    tmp = tempfile.mkdtemp()
    # MOTO=0: only the embedded emulator (HTTP and HTTPS), e.g. when moto's own timing is not wanted.
    with_moto = os.environ.get("MOTO", "1") == "1"
    moto, moto_ep = start_moto() if with_moto else (None, None)
    emu, report = start_emulator()
    ca = os.path.join(tmp, "emulator-ca.pem")
    emu_tls, report_tls = start_emulator(ca_out=ca)
    creds = lambda r: (r["user_pool_id"], r["client_id"], r["users"][0]["username"], r["users"][0]["password"])
    try:
        results = {}
        for peer, ep, creds, ca_file in [
            *([("moto", moto_ep, seed_moto(moto_ep, "OPTIONAL"), None)] if with_moto else []),
            ("emulator", report["endpoint"], creds(report), None),
            ("emulator-https", report_tls["endpoint"], creds(report_tls), ca),
        ]:
            pool, client, user, password = creds
            token = access_token(ep, client, user, password, ca_file)
            ours_ca = ["--ca-bundle", ca_file] if ca_file else []
            curl_ca = ["--cacert", ca_file] if ca_file else []
            tok_file = os.path.join(tmp, f"{peer}.token")
            open(tok_file, "w").write(token)
            body = os.path.join(tmp, f"{peer}.json")
            open(body, "w").write(json.dumps({"AccessToken": token}))
            # BASELINE_BIN: another build of cognito-mfa (e.g. with another TLS provider), timed too.
            baseline = [("cognito-mfa BASELINE_BIN", lambda: [BASELINE, "associate-software-token", "--access-token",
                                                             f"file://{tok_file}", "--endpoint-url", ep, *ours_ca],
                         {0}, None)] if BASELINE else []
            results[f"associate/{peer}"] = compare(f"associate-software-token against {peer}", [
                ("cognito-mfa", lambda: [BIN, "associate-software-token", "--access-token", f"file://{tok_file}",
                                         "--endpoint-url", ep, *ours_ca], {0}, None),
                *baseline,
                ("curl", lambda: ["curl", "-sS", "-f", "-o", "/dev/null", "-X", "POST", ep, "-H",
                                  "Content-Type: application/x-amz-json-1.1", "-H",
                                  "X-Amz-Target: " + TARGET + "AssociateSoftwareToken", "--data-binary", "@" + body,
                                  *curl_ca], {0}, None),
                ("aws cognito-idp", lambda: [AWS, "cognito-idp", "associate-software-token", "--access-token", token,
                                             "--endpoint-url", ep, *ours_ca], {0}, None),
            ], rounds=ROUNDS if peer.startswith("emulator") else max(5, ROUNDS // 3))
            if peer == "moto":
                # moto accepts the current code again and again, so success is timed.
                secret = call(ep, "AssociateSoftwareToken", {"AccessToken": token})["SecretCode"]
                def vbody():
                    open(body, "w").write(json.dumps({"AccessToken": token, "UserCode": totp_now(secret)}))
                    return body
                results["verify/moto"] = compare("verify-software-token against moto", [
                    ("cognito-mfa", lambda: [BIN, "verify-software-token", "--access-token", f"file://{tok_file}",
                                             "--user-code", totp_now(secret), "--endpoint-url", ep], {0}, None),
                    ("curl", lambda: ["curl", "-sS", "-f", "-o", "/dev/null", "-X", "POST", ep, "-H",
                                      "Content-Type: application/x-amz-json-1.1", "-H",
                                      "X-Amz-Target: " + TARGET + "VerifySoftwareToken", "--data-binary", "@" + vbody()], {0}, None),
                    ("aws cognito-idp", lambda: [AWS, "cognito-idp", "verify-software-token", "--access-token", token,
                                                 "--user-code", totp_now(secret), "--endpoint-url", ep], {0}, None),
                ], rounds=max(5, ROUNDS // 3))
            if peer == "emulator" and os.environ.get("SIGN_IN", "1") == "1":
                py = ("import sys;from pycognito.aws_srp import AWSSRP;import boto3;"
                      "c=boto3.client('cognito-idp',endpoint_url=sys.argv[1],region_name='us-east-1');"
                      "AWSSRP(username=sys.argv[2],password=sys.stdin.read(),pool_id=sys.argv[3],client_id=sys.argv[4],client=c)"
                      ".authenticate_user()")
                results["sign-in/emulator"] = compare("sign-in (USER_SRP_AUTH) against the emulator", [
                    ("cognito-mfa sign-in", lambda: [BIN, "sign-in", "--client-id", client, "--username", user,
                                                     "--user-pool-id", pool, "--password-stdin", "--endpoint-url", ep],
                     {0}, password),
                    ("pycognito AWSSRP", lambda: [PYCOGNITO_PY, "-c", py, ep, user, pool, client], {0, 1}, password),
                ])
        print("\nbudget: associate-software-token <= 1.3x curl (HTTPS: <= 1.0x) and >= 30x faster than the AWS CLI, same run")
        for key in (k for k in results if k.startswith("associate/")):
            r = results[key]
            limit = 1.0 if key.endswith("-https") else 1.3
            ok = r["cognito-mfa"] <= limit * r["curl"] and r["aws cognito-idp"] >= 30 * r["cognito-mfa"]
            print(f"  {'ok' if ok else 'MISS':<4} {key}: {r['cognito-mfa'] / r['curl']:.2f}x curl (budget {limit}x), "
                  f"AWS CLI {r['aws cognito-idp'] / r['cognito-mfa']:.0f}x slower")
        print("\n" + json.dumps({k: {n: round(v * 1000, 2) for n, v in r.items()} for k, r in results.items()}))
    finally:
        if moto:
            moto.kill()
        emu.kill(); emu_tls.kill()


if __name__ == "__main__":
    main()
