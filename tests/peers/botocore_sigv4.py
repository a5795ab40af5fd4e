"""Signs requests with botocore's SigV4Auth (the copy vendored in awscli) at a fixed time.

Reads a JSON list of cases on stdin, each {method, url, headers: [[k, v]...], body, access_key,
secret_key, token|null, region, time: epoch seconds}; prints a JSON list of their
Authorization headers.
"""
import datetime
import json
import sys

try:
    from awscli.botocore import auth
    from awscli.botocore.awsrequest import AWSRequest
    from awscli.botocore.credentials import Credentials
except ImportError:  # a botocore installed on its own
    from botocore import auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

out = []
for case in json.load(sys.stdin):
    at = datetime.datetime.fromtimestamp(case["time"], datetime.timezone.utc).replace(tzinfo=None)
    auth.get_current_datetime = lambda at=at: at
    request = AWSRequest(
        method=case["method"],
        url=case["url"],
        headers=dict(case["headers"]),
        data=case["body"].encode("utf-8"),
    )
    credentials = Credentials(case["access_key"], case["secret_key"], case["token"])
    auth.SigV4Auth(credentials, "cognito-idp", case["region"]).add_auth(request)
    out.append({
        "authorization": request.headers["Authorization"],
        "x-amz-date": request.headers["X-Amz-Date"],
        "x-amz-security-token": request.headers.get("X-Amz-Security-Token"),
    })
json.dump(out, sys.stdout)
