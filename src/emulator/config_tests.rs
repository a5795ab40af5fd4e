//! Tests of the emulator's config file: parsing, defaults and refusals.

use super::*;

#[test]
fn embedded_pool_requires_mfa_and_has_a_public_client() {
    let config = EmulatorConfig::embedded().unwrap();
    assert_eq!(config.pool.mfa_configuration, MfaConfiguration::On);
    let client = &config.clients[0];
    assert!(client.secret.is_none());
    for flow in [
        AuthFlow::UserPassword,
        AuthFlow::UserSrp,
        AuthFlow::RefreshToken,
    ] {
        assert!(client.auth_flows.contains(&flow), "{flow:?}");
    }
    assert_eq!(client.session_validity, Duration::from_secs(180));
    assert!(
        config
            .users
            .iter()
            .any(|u| u.status == UserStatus::Confirmed && u.email.is_some())
    );
    assert!(
        config
            .users
            .iter()
            .any(|u| u.status == UserStatus::ForceChangePassword)
    );
}

#[test]
fn parse_errors_do_not_quote_the_file() {
    let text = "[pool]\nid = \"us-east-1_p\"\nmfa_configuration = \"ON\"\n[[users]]\nusername = \"u\"\npassword = Hunter2-secret\n";
    let err = EmulatorConfig::from_toml(text).unwrap_err().to_string();
    assert!(!err.contains("Hunter2"), "{err}");
}

#[test]
fn session_validity_outside_cognitos_range_is_refused() {
    let text = "[pool]\nid = \"us-east-1_p\"\nmfa_configuration = \"ON\"\n[[clients]]\nid = \"c\"\nexplicit_auth_flows = []\nauth_session_validity_minutes = 16\n";
    assert!(matches!(
        EmulatorConfig::from_toml(text),
        Err(ConfigError::Invalid(_))
    ));
}

#[test]
fn loads_a_file_and_reports_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pool.toml");
    std::fs::write(&path, EMBEDDED_CONFIG.replace("\"ON\"", "\"OPTIONAL\"")).unwrap();
    let config = EmulatorConfig::from_file(&path).unwrap();
    assert_eq!(config.pool.mfa_configuration, MfaConfiguration::Optional);
    let missing = EmulatorConfig::from_file(&dir.path().join("nope.toml"));
    assert!(matches!(missing, Err(ConfigError::Read { .. })));
}

#[test]
fn pool_id_must_name_a_region_and_a_pool() {
    let text = "[pool]\nid = \"nounderscore\"\nmfa_configuration = \"ON\"\n[[clients]]\nid = \"c\"\nexplicit_auth_flows = []\n";
    assert!(matches!(
        EmulatorConfig::from_toml(text),
        Err(ConfigError::Invalid(_))
    ));
}

#[test]
fn duplicate_users_are_refused() {
    let text = "[pool]\nid = \"us-east-1_p\"\nmfa_configuration = \"OFF\"\n[[clients]]\nid = \"c\"\nexplicit_auth_flows = []\n[[users]]\nusername = \"u\"\npassword = \"a\"\n[[users]]\nusername = \"u\"\npassword = \"b\"\n";
    assert!(matches!(
        EmulatorConfig::from_toml(text),
        Err(ConfigError::Invalid(_))
    ));
}
