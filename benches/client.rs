//! What start-up spends on the HTTP client: `CognitoClient::new` for a loopback `http://`
//! endpoint (no TLS roots loaded) and for Cognito's `https://` endpoint (the platform's roots).

use cognito_mfa::cognito::{ClientSettings, CognitoClient, Endpoint};
use criterion::{Criterion, criterion_group, criterion_main};
use std::time::Duration;

fn construct(c: &mut Criterion) {
    let mut group = c.benchmark_group("client_new");
    for (name, url) in [
        ("http_loopback", "http://127.0.0.1:9229"),
        (
            "https_cognito",
            "https://cognito-idp.us-east-1.amazonaws.com",
        ),
    ] {
        let endpoint = Endpoint::parse(url).unwrap_or_else(|e| unreachable!("{e}"));
        group.bench_function(name, |b| {
            b.iter(|| CognitoClient::new(ClientSettings::new(endpoint.clone())))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(20);
    targets = construct
}
criterion_main!(benches);
