//! The emulator's scenarios, run against moto (a Cognito emulator written by others, TOTP
//! enforced) wherever moto supports the flow. What moto cannot run is in
//! tests/peers/README.md: MFA_SETUP after USER_PASSWORD_AUTH, and checks moto does not make.

mod emulator_common;
mod support;

use emulator_common::scenarios::enroll_with_access_token;
use emulator_common::{Peer, SystemPeerClock};
use support::moto::{Moto, SeededPool};

fn peer(pool: SeededPool) -> Peer {
    Peer {
        endpoint: pool.endpoint,
        client_id: pool.client_id,
        client_secret: pool.client_secret,
        username: pool.username,
        password: pool.password,
    }
}

fn run(scenario: impl std::future::Future<Output = ()>) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(scenario);
}

#[test]
fn access_token_enrollment_against_moto() {
    let moto = Moto::start();
    let peer = peer(moto.seed("OPTIONAL", false));
    run(async {
        let secret = enroll_with_access_token(&peer, &SystemPeerClock).await;
        assert!(!secret.is_empty());
    });
}

#[test]
fn access_token_enrollment_with_a_client_secret_against_moto() {
    let moto = Moto::start();
    let peer = peer(moto.seed("OPTIONAL", true));
    assert!(peer.client_secret.is_some());
    run(async {
        enroll_with_access_token(&peer, &SystemPeerClock).await;
    });
}
