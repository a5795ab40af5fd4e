//! What every operation's request type says about it: its name and its response type.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// One Cognito operation: its request type names the operation and its response type.
pub trait Operation: Serialize + DeserializeOwned {
    /// The name after `AWSCognitoIdentityProviderService.` in `X-Amz-Target`.
    const NAME: &'static str;
    type Response: Serialize + DeserializeOwned;

    /// Checks an answer that parsed, beyond its JSON shape; the text says what is wrong.
    fn check_response(_response: &Self::Response) -> Result<(), String> {
        Ok(())
    }
}

macro_rules! impl_operation {
    ($req:ty, $resp:ty, $name:literal) => {
        impl Operation for $req {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
    ($req:ty, $resp:ty, $name:literal, $check:expr) => {
        impl Operation for $req {
            const NAME: &'static str = $name;
            type Response = $resp;

            fn check_response(response: &Self::Response) -> Result<(), String> {
                let check: fn(&Self::Response) -> Result<(), String> = $check;
                check(response)
            }
        }
    };
}

pub(crate) use impl_operation;
