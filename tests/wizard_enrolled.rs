//! Knowing the user before associating: a user who already has an authenticator is warned
//! before the QR code; the done screen says what the next sign-in will do.

mod wizard_common;

use cognito_mfa::secret::Sensitive;
use cognito_mfa::text;
use cognito_mfa::wizard::msg::Credential;
use cognito_mfa::wizard::msg::{Association, UserInfo};
use cognito_mfa::wizard::reasons::{EnrollResult, ScanNotice};
use cognito_mfa::wizard::state::{Settings, Step};
use cognito_mfa::wizard::{Cmd, Msg, Start, init, update};

fn scan_for(methods: &[&str]) -> Option<ScanNotice> {
    let token = Sensitive::new("t");
    let (mut w, _) = init(Settings::default(), Start::AccessToken(token.clone()));
    let user = UserInfo {
        username: "jane".into(),
        mfa_methods: methods.iter().map(|m| (*m).to_owned()).collect(),
        ..UserInfo::default()
    };
    let cmds = update(&mut w, Msg::UserLoaded(Ok(user))).cmds;
    assert_eq!(cmds, vec![Cmd::Associate(Credential::AccessToken(token))]);
    update(
        &mut w,
        Msg::Associated(Ok(Association {
            secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP".into(),
            session: None,
            at: 1,
        })),
    );
    let Step::Scan(e) = &w.step else {
        panic!("{:?}", w.step);
    };
    e.notice
}

#[test]
fn a_user_with_an_authenticator_is_warned_before_the_qr() {
    assert_eq!(
        scan_for(&["SMS_MFA", "SOFTWARE_TOKEN_MFA"]),
        Some(ScanNotice::Replacing)
    );
    assert_eq!(scan_for(&["SMS_MFA"]), None);
    assert!(text::enroll::notice(ScanNotice::Replacing).contains("stops working"));
}

#[test]
fn the_done_screen_says_what_the_next_sign_in_does() {
    assert!(text::enroll::next_sign_in(EnrollResult::OnAndPreferred).contains("asks for the code"));
    let not_preferred = text::enroll::next_sign_in(EnrollResult::On);
    assert!(
        not_preferred.contains("not your preferred"),
        "{not_preferred}"
    );
    let not_listed = text::enroll::next_sign_in(EnrollResult::NotListed);
    assert!(not_listed.contains("will not ask"), "{not_listed}");
    assert!(not_listed.contains("administrator"), "{not_listed}");
    for result in [
        EnrollResult::Cancelled,
        EnrollResult::Failed,
        EnrollResult::NotListed,
    ] {
        assert!(!result.enrolled(), "{result:?}");
    }
}
