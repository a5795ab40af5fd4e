//! The region from a user pool id (`eu-west-1_AbC123`), used only when nothing else sets one.

use cognito_mfa::config::{Env, Overrides, region_of_pool, resolve};

struct Vars(&'static [(&'static str, &'static str)]);

impl Env for Vars {
    fn var(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| (*v).to_owned())
    }
}

fn endpoint(env: &'static [(&'static str, &'static str)]) -> String {
    let over = Overrides {
        pool_region: region_of_pool("eu-west-1_AbC123"),
        ..Default::default()
    };
    let env = Vars(env);
    resolve(&over, &env)
        .unwrap()
        .settings
        .endpoint
        .as_str()
        .to_owned()
}

#[test]
fn the_pool_id_gives_the_region_when_nothing_else_does() {
    assert_eq!(
        region_of_pool("eu-west-1_AbC123").as_deref(),
        Some("eu-west-1")
    );
    assert_eq!(region_of_pool("nounderscore"), None);
    assert_eq!(region_of_pool("bad region_x"), None);
    let no_file = &[("AWS_CONFIG_FILE", "/nonexistent/cognito-mfa-test")];
    assert_eq!(
        endpoint(no_file),
        "https://cognito-idp.eu-west-1.amazonaws.com/"
    );
    assert_eq!(
        endpoint(&[
            ("AWS_CONFIG_FILE", "/nonexistent/cognito-mfa-test"),
            ("AWS_REGION", "us-east-2")
        ]),
        "https://cognito-idp.us-east-2.amazonaws.com/"
    );
}
