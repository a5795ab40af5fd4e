//! The cases of `awscli_config.rs`: a config (and credentials) file, an environment and flags.
//! Cases that reach AWS host names send through `HTTPS_PROXY` (the recorder, which records the
//! CONNECT and refuses it) with one attempt, so no backoff slows them.

use super::{Answer, CASE, Case};

const PROXY: (&str, &str) = ("HTTPS_PROXY", "{E}");
const ONE_ATTEMPT: (&str, &str) = ("AWS_MAX_ATTEMPTS", "1");

pub const ENDPOINTS: &[Case] = &[
    Case {
        name: "global endpoint variable",
        env: &[
            ("AWS_ENDPOINT_URL", "{E}/global"),
            ("AWS_DEFAULT_REGION", "us-east-1"),
        ],
        ..CASE
    },
    Case {
        name: "the service's variable beats the global one",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/profile\n",
        env: &[
            ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "{E}/service"),
            ("AWS_ENDPOINT_URL", "{E}/global"),
        ],
        ..CASE
    },
    Case {
        name: "an indented sub-key is a sub-section, not the profile's endpoint",
        config: "[default]\nregion = us-east-1\ns3 =\n  endpoint_url = {E}/s3\nendpoint_url = {E}/profile\n",
        ..CASE
    },
    Case {
        name: "a services section beats the profile's endpoint_url",
        config: "[default]\nregion = us-east-1\nservices = local\nendpoint_url = {E}/profile\n\n[services local]\ns3 =\n  endpoint_url = {E}/s3\ncognito_identity_provider =\n  endpoint_url = {E}/services\n",
        ..CASE
    },
    Case {
        name: "a services section without Cognito leaves the profile's endpoint_url",
        config: "[default]\nregion = us-east-1\nservices = local\nendpoint_url = {E}/profile\n[services local]\ncognito-identity-provider =\n  endpoint_url = {E}/hyphenated\n",
        ..CASE
    },
    Case {
        name: "a missing services section is an error",
        config: "[default]\nregion = us-east-1\nservices = nowhere\nendpoint_url = {E}/profile\n",
        ..CASE
    },
    Case {
        name: "the environment's endpoint beats a missing services section",
        config: "[default]\nregion = us-east-1\nservices = nowhere\n",
        env: &[("AWS_ENDPOINT_URL", "{E}/global")],
        ..CASE
    },
    Case {
        name: "--endpoint-url beats everything",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/profile\n",
        env: &[
            ("AWS_ENDPOINT_URL", "{E}/global"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
        ],
        args: &["--endpoint-url", "{E}/flag"],
        ..CASE
    },
    Case {
        name: "[DEFAULT] gives every profile its keys",
        config: "[DEFAULT]\nendpoint_url = {E}/DEFAULT\n[profile a]\nregion = us-east-1\n",
        env: &[("AWS_PROFILE", "a")],
        ..CASE
    },
    Case {
        name: "a comment after a value is part of it; a key may use ':'",
        config: "# top\n[default]\n; a comment\nRegion: us-east-1\nendpoint_url = {E}/colon\n",
        ..CASE
    },
];

pub const PROFILES: &[Case] = &[
    Case {
        name: "[profile default] alone",
        config: "[profile default]\nregion = us-east-1\nendpoint_url = {E}/profile-default\n",
        ..CASE
    },
    Case {
        name: "[default] then [profile default]: the later wins",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/default\n[profile default]\nregion = us-east-1\nendpoint_url = {E}/profile-default\n",
        ..CASE
    },
    Case {
        name: "[profile default] then [default]: the later wins",
        config: "[profile default]\nregion = us-east-1\nendpoint_url = {E}/profile-default\n[default]\nregion = us-east-1\nendpoint_url = {E}/default\n",
        ..CASE
    },
    Case {
        name: "--profile beats AWS_PROFILE",
        config: "[profile a]\nregion = us-east-1\nendpoint_url = {E}/a\n[profile b]\nregion = us-east-1\nendpoint_url = {E}/b\n",
        env: &[("AWS_PROFILE", "b")],
        args: &["--profile", "a"],
        ..CASE
    },
    Case {
        name: "AWS_DEFAULT_PROFILE beats AWS_PROFILE",
        config: "[profile a]\nregion = us-east-1\nendpoint_url = {E}/a\n[profile b]\nregion = us-east-1\nendpoint_url = {E}/b\n",
        env: &[("AWS_PROFILE", "b"), ("AWS_DEFAULT_PROFILE", "a")],
        ..CASE
    },
    Case {
        name: "a quoted profile name",
        config: "[profile \"team a\"]\nregion = us-east-1\nendpoint_url = {E}/team-a\n",
        args: &["--profile", "team a"],
        ..CASE
    },
    Case {
        name: "a named profile that does not exist is an error",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/default\n",
        env: &[("AWS_PROFILE", "nope")],
        ..CASE
    },
    Case {
        name: "AWS_CONFIG_FILE replaces ~/.aws/config",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/home\n",
        alt_config: "[default]\nregion = us-east-1\nendpoint_url = {E}/alt\n",
        env: &[("AWS_CONFIG_FILE", "{HOME}/alt.ini")],
        ..CASE
    },
    Case {
        name: "a credentials-file profile exists and its keys win",
        config: "[profile c]\nregion = us-east-1\nendpoint_url = {E}/config\n",
        credentials: "[c]\nendpoint_url = {E}/credentials\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = not-a-secret\n",
        env: &[("AWS_PROFILE", "c")],
        ..CASE
    },
];

pub const AWS_HOSTS: &[Case] = &[
    Case {
        name: "region from the profile",
        config: "[default]\nregion = eu-west-1\ns3 =\n  endpoint_url = {E}/s3\n",
        env: &[PROXY, ONE_ATTEMPT],
        ..CASE
    },
    Case {
        name: "AWS_DEFAULT_REGION beats the profile",
        config: "[default]\nregion = us-west-2\n",
        env: &[PROXY, ONE_ATTEMPT, ("AWS_DEFAULT_REGION", "eu-central-1")],
        ..CASE
    },
    Case {
        name: "--region beats AWS_DEFAULT_REGION",
        env: &[PROXY, ONE_ATTEMPT, ("AWS_DEFAULT_REGION", "eu-central-1")],
        args: &["--region", "ap-southeast-2"],
        ..CASE
    },
    Case {
        name: "AWS_REGION is not read when the profile has a region",
        config: "[default]\nregion = sa-east-1\n",
        env: &[PROXY, ONE_ATTEMPT, ("AWS_REGION", "ca-central-1")],
        ..CASE
    },
    Case {
        name: "China",
        env: &[PROXY, ONE_ATTEMPT, ("AWS_DEFAULT_REGION", "cn-northwest-1")],
        ..CASE
    },
    Case {
        name: "ignore configured endpoints (environment)",
        config: "[default]\nregion = ap-northeast-1\nendpoint_url = {E}/profile\n",
        env: &[
            PROXY,
            ONE_ATTEMPT,
            ("AWS_ENDPOINT_URL", "{E}/global"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"),
        ],
        ..CASE
    },
    Case {
        name: "ignore configured endpoints (profile)",
        config: "[default]\nregion = ap-northeast-1\nendpoint_url = {E}/profile\nignore_configured_endpoint_urls = true\nmax_attempts = 1\n",
        env: &[PROXY],
        ..CASE
    },
    Case {
        name: "FIPS from the environment",
        env: &[
            PROXY,
            ONE_ATTEMPT,
            ("AWS_DEFAULT_REGION", "us-east-1"),
            ("AWS_USE_FIPS_ENDPOINT", "true"),
        ],
        ..CASE
    },
    Case {
        name: "FIPS from the profile, dual stack from the environment",
        config: "[default]\nregion = eu-west-1\nuse_fips_endpoint = true\n",
        env: &[PROXY, ONE_ATTEMPT, ("AWS_USE_DUALSTACK_ENDPOINT", "true")],
        ..CASE
    },
    Case {
        name: "FIPS and dual stack in a region with its own FIPS host",
        config: "[default]\nregion = us-west-2\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\n",
        env: &[PROXY, ONE_ATTEMPT],
        ..CASE
    },
    Case {
        name: "FIPS in GovCloud",
        env: &[
            PROXY,
            ONE_ATTEMPT,
            ("AWS_DEFAULT_REGION", "us-gov-west-1"),
            ("AWS_USE_FIPS_ENDPOINT", "true"),
        ],
        ..CASE
    },
    Case {
        name: "dual stack in China",
        env: &[
            PROXY,
            ONE_ATTEMPT,
            ("AWS_DEFAULT_REGION", "cn-north-1"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "true"),
        ],
        ..CASE
    },
    Case {
        name: "FIPS set to something other than true is off",
        env: &[
            PROXY,
            ONE_ATTEMPT,
            ("AWS_DEFAULT_REGION", "us-east-2"),
            ("AWS_USE_FIPS_ENDPOINT", "1"),
        ],
        ..CASE
    },
    Case {
        name: "a configured endpoint wins over FIPS",
        config: "[default]\nregion = us-east-1\nuse_fips_endpoint = true\nendpoint_url = {E}/profile\n",
        ..CASE
    },
    Case {
        name: "the region from the credentials file",
        config: "[default]\nregion = us-east-1\nmax_attempts = 1\n",
        credentials: "[default]\nregion = eu-north-1\n",
        env: &[PROXY],
        ..CASE
    },
];

pub const OUTPUT: &[Case] = &[
    Case {
        name: "output from the profile",
        config: "[default]\nregion = us-east-1\noutput = text\nendpoint_url = {E}/\n",
        ..CASE
    },
    Case {
        name: "AWS_DEFAULT_OUTPUT beats the profile",
        config: "[default]\nregion = us-east-1\noutput = text\nendpoint_url = {E}/\n",
        env: &[("AWS_DEFAULT_OUTPUT", "json")],
        ..CASE
    },
    Case {
        name: "--output beats AWS_DEFAULT_OUTPUT",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\n",
        env: &[("AWS_DEFAULT_OUTPUT", "table")],
        args: &["--output", "text"],
        ..CASE
    },
    Case {
        name: "a table from [profile default]",
        config: "[profile default]\nregion = us-east-1\noutput = table\nendpoint_url = {E}/\n",
        ..CASE
    },
    Case {
        name: "JMESPath legacy literals",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\n",
        args: &[
            "--query",
            "[SecretCode, `two words`, `  padded`, `{a:1}`, `\"json\"`, `7`]",
        ],
        ..CASE
    },
    Case {
        name: "options that change nothing here: --color off, --no-paginate, --no-verify-ssl",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\noutput = text\n",
        args: &["--color", "off", "--no-paginate", "--no-verify-ssl"],
        ..CASE
    },
    Case {
        name: "a value that begins with '-' (--opt=-value, the form the AWS CLI takes)",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\n",
        args: &["--access-token=-jAbc-token", "--query=-SecretCode"],
        ..CASE
    },
];

pub const RETRIES: &[Case] = &[
    Case {
        name: "legacy mode (the default) with AWS_MAX_ATTEMPTS",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\n",
        env: &[("AWS_MAX_ATTEMPTS", "2")],
        answer: Answer::Fail,
        ..CASE
    },
    Case {
        name: "standard mode and attempts from the profile",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\nretry_mode = standard\nmax_attempts = 3\n",
        answer: Answer::Fail,
        ..CASE
    },
    Case {
        name: "the environment beats the profile (adaptive, 2)",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\nretry_mode = legacy\nmax_attempts = 3\n",
        env: &[("AWS_MAX_ATTEMPTS", "2"), ("AWS_RETRY_MODE", "adaptive")],
        answer: Answer::Fail,
        ..CASE
    },
    Case {
        name: "one attempt",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\nmax_attempts = 1\n",
        answer: Answer::Fail,
        ..CASE
    },
    Case {
        name: "an unknown retry mode is an error",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\nretry_mode = eager\n",
        answer: Answer::Fail,
        ..CASE
    },
];

/// HTTPS to a recorder whose CA is `{HOME}/ca.pem`: which CA bundle each tool trusts (the
/// `--ca-bundle` flag, then AWS_CA_BUNDLE, then the profile's `ca_bundle`). A refused
/// certificate records nothing; one attempt each, so awscli does not back off between them.
const TLS: Case = Case {
    config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\n",
    env: &[ONE_ATTEMPT],
    tls: true,
    ..CASE
};

pub const CA_BUNDLES: &[Case] = &[
    Case {
        name: "no CA bundle: the recorder's CA is not trusted",
        ..TLS
    },
    Case {
        name: "ca_bundle in the profile",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\nca_bundle = {HOME}/ca.pem\n",
        ..TLS
    },
    Case {
        name: "ca_bundle in a named profile",
        config: "[profile desk]\nregion = us-east-1\nendpoint_url = {E}/\nca_bundle = {HOME}/ca.pem\n",
        env: &[ONE_ATTEMPT, ("AWS_PROFILE", "desk")],
        ..TLS
    },
    Case {
        name: "ca_bundle in the credentials file's profile",
        credentials: "[default]\nca_bundle = {HOME}/ca.pem\n",
        ..TLS
    },
    Case {
        name: "AWS_CA_BUNDLE",
        env: &[ONE_ATTEMPT, ("AWS_CA_BUNDLE", "{HOME}/ca.pem")],
        ..TLS
    },
    Case {
        name: "AWS_CA_BUNDLE beats the profile's ca_bundle",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\nca_bundle = {HOME}/ca.pem\n",
        env: &[ONE_ATTEMPT, ("AWS_CA_BUNDLE", "{HOME}/other.pem")],
        ..TLS
    },
    Case {
        name: "--ca-bundle beats AWS_CA_BUNDLE",
        env: &[ONE_ATTEMPT, ("AWS_CA_BUNDLE", "{HOME}/other.pem")],
        args: &["--ca-bundle", "{HOME}/ca.pem"],
        ..TLS
    },
    Case {
        name: "--ca-bundle naming another CA",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\nca_bundle = {HOME}/ca.pem\n",
        args: &["--ca-bundle", "{HOME}/other.pem"],
        ..TLS
    },
    Case {
        name: "a bundle of both CAs",
        env: &[ONE_ATTEMPT, ("AWS_CA_BUNDLE", "{HOME}/both.pem")],
        ..TLS
    },
    Case {
        name: "--no-verify-ssl trusts any certificate",
        args: &["--no-verify-ssl"],
        ..TLS
    },
    Case {
        name: "a CA bundle that does not exist",
        config: "[default]\nregion = us-east-1\nendpoint_url = {E}/\nca_bundle = {HOME}/missing.pem\n",
        ..TLS
    },
];
