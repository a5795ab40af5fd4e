//! ListUsers over 2,000 generated users: pages of at most `Limit`, every user exactly once
//! across pages, filters on username, email, status and cognito:user_status, AttributesToGet,
//! and the parameters it refuses.

mod emulator_common;

use cognito_mfa::emulator::{GeneratedUsers, MfaConfiguration, UserStatus};
use emulator_common::signed::{POOL_ID, Signer, Tamper, admin, signed_raw};
use emulator_common::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;

async fn pool_of_2000() -> TestEmulator {
    let mut config = test_config(MfaConfiguration::Optional);
    config.generated_users = Some(GeneratedUsers::new(2000));
    config.users[1].status = UserStatus::ForceChangePassword;
    config.users[1].enabled = false;
    start(config).await
}

/// Every page of ListUsers with `request`'s members: the usernames, page by page.
async fn all_pages(emu: &TestEmulator, request: Value) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut body = request.clone();
        body["UserPoolId"] = json!(POOL_ID);
        if let Some(token) = &token {
            body["PaginationToken"] = json!(token);
        }
        let page = admin(&emu.peer.endpoint, "ListUsers", body).await;
        let names = page["Users"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["Username"].as_str().unwrap().to_string())
            .collect();
        pages.push(names);
        match page["PaginationToken"].as_str() {
            Some(next) => token = Some(next.to_string()),
            None => return pages,
        }
        assert!(pages.len() <= 2100, "pagination does not end");
    }
}

#[tokio::test]
async fn every_user_comes_exactly_once_across_pages_of_sixty() {
    let emu = pool_of_2000().await;
    let pages = all_pages(&emu, json!({})).await;
    // 2,002 users: 2,000 generated, alice and newcomer.
    assert_eq!(pages.len(), 34, "33 full pages of 60 and one of 22");
    assert!(pages[..33].iter().all(|p| p.len() == 60));
    assert_eq!(pages[33].len(), 22);
    let all: Vec<&String> = pages.iter().flatten().collect();
    let unique: BTreeSet<&String> = all.iter().copied().collect();
    assert_eq!(all.len(), 2002);
    assert_eq!(unique.len(), 2002, "no user twice");
    for i in 1..=2000 {
        assert!(unique.contains(&format!("user{i:06}")), "user{i:06}");
    }
    assert!(unique.contains(&USERNAME.to_string()) && unique.contains(&NEWCOMER.to_string()));
}

#[tokio::test]
async fn a_smaller_limit_gives_smaller_pages_and_the_same_users() {
    let emu = pool_of_2000().await;
    let pages = all_pages(
        &emu,
        json!({"Limit": 7, "Filter": "username ^= \"user0001\""}),
    )
    .await;
    let all: Vec<String> = pages.iter().flatten().cloned().collect();
    let expected: Vec<String> = (100..=199).map(|i| format!("user{i:06}")).collect();
    assert_eq!(all, expected);
    assert!(pages.iter().all(|p| p.len() <= 7));
    assert_eq!(pages.len(), 15, "100 users in pages of 7");
}

#[tokio::test]
async fn filters_on_username_email_status_and_user_status() {
    let emu = pool_of_2000().await;
    let names = |pages: Vec<Vec<String>>| pages.into_iter().flatten().collect::<Vec<_>>();
    let exact = names(all_pages(&emu, json!({"Filter": "username = \"user001234\""})).await);
    assert_eq!(exact, ["user001234"]);
    let by_email = names(
        all_pages(
            &emu,
            json!({"Filter": "email = \"user000042@example.com\""}),
        )
        .await,
    );
    assert_eq!(by_email, ["user000042"]);
    let email_prefix = names(all_pages(&emu, json!({"Filter": "email ^= \"user00199\""})).await);
    assert_eq!(email_prefix.len(), 10);
    let disabled = names(all_pages(&emu, json!({"Filter": "status = \"Disabled\""})).await);
    assert_eq!(disabled, [NEWCOMER]);
    let enabled = names(all_pages(&emu, json!({"Filter": "status = \"enabled\""})).await);
    assert_eq!(enabled.len(), 2001, "status is case-insensitive");
    let forced = names(
        all_pages(
            &emu,
            json!({"Filter": "cognito:user_status = \"FORCE_CHANGE_PASSWORD\""}),
        )
        .await,
    );
    assert_eq!(forced, [NEWCOMER]);
    let none = names(all_pages(&emu, json!({"Filter": "username = \"nobody\""})).await);
    assert!(none.is_empty());
    let all = names(all_pages(&emu, json!({"Filter": ""})).await);
    assert_eq!(all.len(), 2002, "an empty filter lists everyone");
}

#[tokio::test]
async fn a_user_has_cognitos_shape_and_attributes_to_get_narrows_it() {
    let emu = pool_of_2000().await;
    let page = admin(
        &emu.peer.endpoint,
        "ListUsers",
        json!({"UserPoolId": POOL_ID, "Filter": "username = \"user000003\""}),
    )
    .await;
    assert!(page.get("PaginationToken").is_none(), "{page}");
    let user = &page["Users"][0];
    let mut keys: Vec<&str> = user
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "Attributes",
            "Enabled",
            "UserCreateDate",
            "UserLastModifiedDate",
            "UserStatus",
            "Username"
        ]
    );
    assert_eq!(user["UserStatus"], "CONFIRMED");
    assert!(user["UserCreateDate"].is_f64());
    let narrowed = admin(
        &emu.peer.endpoint,
        "ListUsers",
        json!({
            "UserPoolId": POOL_ID,
            "Filter": "username = \"user000003\"",
            "AttributesToGet": ["email"]
        }),
    )
    .await;
    assert_eq!(
        narrowed["Users"][0]["Attributes"],
        json!([{"Name": "email", "Value": "user000003@example.com"}])
    );
}

#[tokio::test]
async fn bad_limits_filters_and_tokens_are_invalid_parameters() {
    let emu = pool_of_2000().await;
    for body in [
        json!({"UserPoolId": POOL_ID, "Limit": 61}),
        json!({"UserPoolId": POOL_ID, "Limit": -1}),
        json!({"UserPoolId": POOL_ID, "Filter": "username ~ \"x\""}),
        json!({"UserPoolId": POOL_ID, "Filter": "custom:team = \"x\""}),
        json!({"UserPoolId": POOL_ID, "PaginationToken": "!!not-a-token!!"}),
    ] {
        let answer = signed_raw(
            &emu.peer.endpoint,
            "ListUsers",
            &body,
            &Signer::default(),
            Tamper::Nothing,
        )
        .await;
        assert_eq!(answer.status, 400, "{body}");
        assert_eq!(answer.error_type(), "InvalidParameterException", "{body}");
    }
}
