//! What every operation's request type says about it: its name and its response type.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// One Cognito operation: its request type names the operation and its response type.
pub trait Operation: Serialize + DeserializeOwned {
    /// The name after `AWSCognitoIdentityProviderService.` in `X-Amz-Target`.
    const NAME: &'static str;
    type Response: Serialize + DeserializeOwned;
}

macro_rules! impl_operation {
    ($req:ty, $resp:ty, $name:literal) => {
        impl Operation for $req {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
}

pub(crate) use impl_operation;
