//! Resolution rules, without the AWS CLI (the differential test compares with it).

use super::*;
use crate::cognito::endpoint::EndpointError;
use std::collections::HashMap;
use std::io::Write;

fn resolve_with(
    over: Overrides,
    vars: &[(&'static str, &'static str)],
) -> Result<Resolved, ConfigError> {
    let mut env: HashMap<&str, &str> = vars.iter().copied().collect();
    env.entry("AWS_CONFIG_FILE")
        .or_insert("/nonexistent/aws-config");
    resolve(&over, &env)
}

fn endpoint(r: &Resolved) -> &str {
    r.settings.endpoint.as_str()
}

#[test]
fn region_order_flag_then_default_region_then_aws_region_last() {
    let r = resolve_with(
        Overrides {
            region: Some("eu-west-1".into()),
            ..Default::default()
        },
        &[
            ("AWS_REGION", "us-east-2"),
            ("AWS_DEFAULT_REGION", "ap-south-1"),
        ],
    )
    .unwrap();
    assert_eq!(endpoint(&r), "https://cognito-idp.eu-west-1.amazonaws.com/");
    let r = resolve_with(
        Overrides::default(),
        &[
            ("AWS_REGION", "us-east-2"),
            ("AWS_DEFAULT_REGION", "ap-south-1"),
        ],
    )
    .unwrap();
    assert_eq!(
        r.region.as_deref(),
        Some("ap-south-1"),
        "awscli v1 reads AWS_DEFAULT_REGION"
    );
    let r = resolve_with(Overrides::default(), &[("AWS_REGION", "us-east-2")]).unwrap();
    assert_eq!(
        r.region.as_deref(),
        Some("us-east-2"),
        "AWS_REGION when nothing else"
    );
    let r = resolve_with(
        Overrides::default(),
        &[("AWS_DEFAULT_REGION", "cn-north-1")],
    )
    .unwrap();
    assert_eq!(
        endpoint(&r),
        "https://cognito-idp.cn-north-1.amazonaws.com.cn/"
    );
}

#[test]
fn no_region_and_no_endpoint_says_where_a_region_comes_from() {
    let err = resolve_with(Overrides::default(), &[])
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("You must specify a region"), "{err}");
    assert!(
        err.contains("--region") && err.contains("--user-pool-id"),
        "{err}"
    );
    assert!(!err.contains("aws configure"), "{err}");
    assert!(matches!(
        resolve_with(
            Overrides {
                region: Some("bad region".into()),
                ..Default::default()
            },
            &[]
        ),
        Err(ConfigError::BadRegion(_))
    ));
}

#[test]
fn endpoint_order_flag_then_service_env_then_global_env() {
    let vars = [
        (
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
            "http://127.0.0.1:2",
        ),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:3"),
    ];
    let r = resolve_with(
        Overrides {
            endpoint_url: Some("http://127.0.0.1:1".into()),
            ..Default::default()
        },
        &vars,
    )
    .unwrap();
    assert_eq!(endpoint(&r), "http://127.0.0.1:1/");
    let r = resolve_with(Overrides::default(), &vars).unwrap();
    assert_eq!(endpoint(&r), "http://127.0.0.1:2/");
    let r = resolve_with(Overrides::default(), &vars[1..]).unwrap();
    assert_eq!(endpoint(&r), "http://127.0.0.1:3/");
    assert!(r.region.is_none(), "an endpoint needs no region");
    assert!(matches!(
        resolve_with(
            Overrides {
                endpoint_url: Some("http://example.com".into()),
                ..Default::default()
            },
            &[]
        ),
        Err(ConfigError::Endpoint(EndpointError::Insecure { .. }))
    ));
}

#[test]
fn profile_region_from_config_file() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "[default]\nregion = us-west-2\n\n[profile helpdesk]\nregion=eu-central-1\nca_bundle = /etc/ca.pem\n").unwrap();
    let path: &'static str = Box::leak(file.path().to_str().unwrap().to_string().into_boxed_str());
    let r = resolve_with(Overrides::default(), &[("AWS_CONFIG_FILE", path)]).unwrap();
    assert_eq!(r.region.as_deref(), Some("us-west-2"));
    let r = resolve_with(
        Overrides::default(),
        &[("AWS_CONFIG_FILE", path), ("AWS_PROFILE", "helpdesk")],
    )
    .unwrap();
    assert_eq!(r.region.as_deref(), Some("eu-central-1"));
    assert_eq!(r.settings.ca_bundle, Some(PathBuf::from("/etc/ca.pem")));
    let r = resolve_with(
        Overrides {
            profile: Some("default".into()),
            ..Default::default()
        },
        &[("AWS_CONFIG_FILE", path), ("AWS_PROFILE", "helpdesk")],
    )
    .unwrap();
    assert_eq!(
        r.region.as_deref(),
        Some("us-west-2"),
        "--profile beats AWS_PROFILE"
    );
    let err = resolve_with(
        Overrides {
            profile: Some("nope".into()),
            ..Default::default()
        },
        &[("AWS_CONFIG_FILE", path)],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "The config profile (nope) could not be found"
    );
}

#[test]
fn timeouts_default_and_zero_means_none() {
    let r = resolve_with(
        Overrides {
            region: Some("us-east-1".into()),
            ..Default::default()
        },
        &[],
    )
    .unwrap();
    assert_eq!(r.settings.connect_timeout, Some(Duration::from_secs(5)));
    assert_eq!(r.settings.request_timeout, Some(Duration::from_secs(30)));
    let r = resolve_with(
        Overrides {
            region: Some("us-east-1".into()),
            connect_timeout_secs: Some(0),
            read_timeout_secs: Some(7),
            ..Default::default()
        },
        &[],
    )
    .unwrap();
    assert_eq!(r.settings.connect_timeout, None);
    assert_eq!(r.settings.request_timeout, Some(Duration::from_secs(7)));
}

fn with_config(text: &str) -> (tempfile::NamedTempFile, &'static str) {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(text.as_bytes()).unwrap();
    let path: &'static str = Box::leak(file.path().to_str().unwrap().to_string().into_boxed_str());
    (file, path)
}

#[test]
fn services_sections_and_ignored_endpoints() {
    let (_f, path) = with_config(
        "[default]\nregion = eu-west-1\nservices = s\nendpoint_url = http://127.0.0.1:1\n[services s]\ncognito_identity_provider =\n  endpoint_url = http://127.0.0.1:2\n[profile lost]\nservices = nowhere\n",
    );
    let r = resolve_with(Overrides::default(), &[("AWS_CONFIG_FILE", path)]).unwrap();
    assert_eq!(endpoint(&r), "http://127.0.0.1:2/");
    let r = resolve_with(
        Overrides::default(),
        &[
            ("AWS_CONFIG_FILE", path),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "True"),
        ],
    )
    .unwrap();
    assert_eq!(endpoint(&r), "https://cognito-idp.eu-west-1.amazonaws.com/");
    let err = resolve_with(
        Overrides {
            profile: Some("lost".into()),
            region: Some("eu-west-1".into()),
            ..Default::default()
        },
        &[("AWS_CONFIG_FILE", path)],
    )
    .unwrap_err();
    assert!(matches!(err, ConfigError::NoServicesSection(_)), "{err}");
}

#[test]
fn fips_and_dual_stack_only_without_a_configured_endpoint() {
    let vars = [
        ("AWS_DEFAULT_REGION", "us-east-1"),
        ("AWS_USE_FIPS_ENDPOINT", "true"),
    ];
    let r = resolve_with(Overrides::default(), &vars).unwrap();
    assert_eq!(
        endpoint(&r),
        "https://cognito-idp-fips.us-east-1.amazonaws.com/"
    );
    let r = resolve_with(
        Overrides {
            endpoint_url: Some("http://127.0.0.1:3".into()),
            ..Default::default()
        },
        &vars,
    )
    .unwrap();
    assert_eq!(endpoint(&r), "http://127.0.0.1:3/");
}

#[test]
fn retries_follow_mode_and_attempts() {
    let region = [("AWS_DEFAULT_REGION", "us-east-1")];
    let r = resolve_with(Overrides::default(), &region).unwrap();
    assert_eq!(
        r.settings.retry.mode,
        RetryMode::Legacy,
        "awscli v1's default"
    );
    assert_eq!(r.settings.retry.max_attempts, 5);
    let (_f, path) =
        with_config("[default]\nregion = us-east-1\nretry_mode = standard\nmax_attempts = 4\n");
    let r = resolve_with(Overrides::default(), &[("AWS_CONFIG_FILE", path)]).unwrap();
    assert_eq!(
        r.settings.retry,
        RetryPolicy::new(RetryMode::Standard, Some(4))
    );
    let r = resolve_with(
        Overrides::default(),
        &[
            ("AWS_CONFIG_FILE", path),
            ("AWS_RETRY_MODE", "adaptive"),
            ("AWS_MAX_ATTEMPTS", "2"),
        ],
    )
    .unwrap();
    assert_eq!(
        r.settings.retry,
        RetryPolicy::new(RetryMode::Adaptive, Some(2))
    );
    assert!(matches!(
        resolve_with(
            Overrides::default(),
            &[
                ("AWS_DEFAULT_REGION", "us-east-1"),
                ("AWS_RETRY_MODE", "eager")
            ]
        ),
        Err(ConfigError::BadRetryMode(_))
    ));
    assert!(matches!(
        resolve_with(
            Overrides::default(),
            &[
                ("AWS_DEFAULT_REGION", "us-east-1"),
                ("AWS_MAX_ATTEMPTS", "many")
            ]
        ),
        Err(ConfigError::BadMaxAttempts(_))
    ));
}

#[test]
fn output_from_the_environment_then_the_profile() {
    let (_f, path) = with_config("[default]\noutput = text\n[profile t]\noutput = table\n");
    let env: HashMap<&str, &str> = [("AWS_CONFIG_FILE", path)].into_iter().collect();
    assert_eq!(
        output_format(&Overrides::default(), &env)
            .unwrap()
            .as_deref(),
        Some("text")
    );
    let named = Overrides {
        profile: Some("t".into()),
        ..Default::default()
    };
    assert_eq!(
        output_format(&named, &env).unwrap().as_deref(),
        Some("table")
    );
    let env: HashMap<&str, &str> = [("AWS_CONFIG_FILE", path), ("AWS_DEFAULT_OUTPUT", "json")]
        .into_iter()
        .collect();
    assert_eq!(
        output_format(&named, &env).unwrap().as_deref(),
        Some("json")
    );
}
