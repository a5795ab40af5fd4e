//! The data of the steps that only show: waiting for a secret, the QR code, turning MFA on,
//! done.

use crate::qr::{Qr, QrTooLong};
use crate::secret::Sensitive;
use crate::wizard::reasons::{EnrollResult, ScanNotice};

/// Waiting for the user's details (access-token flow) and then the secret.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Preparing {
    /// Why we are here again (a new secret after an expired session), if we are.
    pub notice: Option<ScanNotice>,
}

/// An associated secret, encoded once, and what the scan step shows with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollment {
    pub secret: Sensitive,
    pub uri: Sensitive,
    pub qr: Qr,
    /// The same without the label's issuer prefix: a smaller code for small terminals.
    pub short_uri: Sensitive,
    pub short_qr: Qr,
    pub account: String,
    /// When the enrollment session ends (Unix seconds), where one applies.
    pub deadline: Option<u64>,
    /// Helpdesk mode hides the QR and the secret until `r`.
    pub revealed: bool,
    pub notice: Option<ScanNotice>,
}

impl Enrollment {
    /// Encodes both URIs of a new secret (once: encoding tries all eight masks).
    pub fn new(
        secret: Sensitive,
        issuer: &str,
        account: String,
        deadline: Option<u64>,
        revealed: bool,
        notice: Option<ScanNotice>,
    ) -> Result<Self, QrTooLong> {
        let uri = crate::totp::otpauth_uri(issuer, &account, secret.expose());
        let short_uri = crate::totp::otpauth_uri_short(issuer, &account, secret.expose());
        Ok(Self {
            qr: Qr::encode(&uri)?,
            short_qr: Qr::encode(&short_uri)?,
            uri: Sensitive::new(uri),
            short_uri: Sensitive::new(short_uri),
            secret,
            account,
            deadline,
            revealed,
            notice,
        })
    }

    /// A secret under 128 bits (moto's 12 characters) is shown with a warning, not refused.
    pub fn weak_secret(&self) -> bool {
        crate::totp::secret_bits(self.secret.expose()) < crate::totp::RECOMMENDED_SECRET_BITS
    }
}

/// Verified; turning MFA on (access-token flow) or answering MFA_SETUP (session flow).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finishing {
    pub account: String,
    pub device: String,
}

/// What the done screen and the printed summary report. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub user: String,
    pub account: String,
    pub issuer: String,
    pub device: String,
    /// Unix seconds when the enrollment finished.
    pub time: u64,
    pub result: EnrollResult,
    /// MFA methods as Cognito reports them after the change (access-token flow).
    pub mfa_methods: Vec<String>,
    pub preferred_mfa: Option<String>,
    /// Steps done, for a ticket: a QR code or key was shown; Cognito accepted a code.
    pub qr_shown: bool,
    pub code_accepted: bool,
}

/// Which encoding of the enrollment is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// The label with the issuer prefix.
    Full,
    /// The label without it; the issuer parameter stays.
    Short,
}

impl Enrollment {
    /// The QR of an encoding.
    pub fn qr_of(&self, encoding: Encoding) -> &Qr {
        match encoding {
            Encoding::Full => &self.qr,
            Encoding::Short => &self.short_qr,
        }
    }

    /// The URI of an encoding.
    pub fn uri_of(&self, encoding: Encoding) -> &str {
        match encoding {
            Encoding::Full => self.uri.expose(),
            Encoding::Short => self.short_uri.expose(),
        }
    }
}
