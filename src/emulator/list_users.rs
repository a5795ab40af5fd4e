//! ListUsers: pages of at most `Limit` users (default and most 60) in username order. The
//! `PaginationToken` names where the last page ended, so each page starts with a lookup in
//! the ordered map instead of a walk from the first user, and a `username ^=` or `=` filter
//! visits only the names it can match.

use super::admin_wire::{ListUsersRequest, ListUsersResponse, UserType, epoch_seconds};
use super::fault::Fault;
use super::ops_admin::check_pool;
use super::pool::{PoolState, User};
use super::user_filter::Filter;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::ops::Bound;

/// The most users one page holds, and the default.
pub const MAX_LIMIT: usize = 60;

pub fn list_users(
    state: &mut PoolState,
    _now_ms: u64,
    req: ListUsersRequest,
) -> Result<ListUsersResponse, Fault> {
    check_pool(state, &req.user_pool_id)?;
    let limit = match req.limit {
        None | Some(0) => MAX_LIMIT,
        Some(n) if n < 0 => {
            return Err(Fault::invalid_parameter(
                "1 validation error detected: Value at 'limit' failed to satisfy constraint: \
                 Member must have value greater than or equal to 0",
            ));
        }
        Some(n) => usize::try_from(n)
            .ok()
            .filter(|&n| n <= MAX_LIMIT)
            .ok_or_else(|| {
                Fault::invalid_parameter(
                    "1 validation error detected: Value at 'limit' failed to satisfy \
                     constraint: Member must have value less than or equal to 60",
                )
            })?,
    };
    let filter = Filter::parse(req.filter.as_deref().unwrap_or(""))?;
    let after = req
        .pagination_token
        .as_deref()
        .map(decode_token)
        .transpose()?;
    let start = match (&after, &filter) {
        (Some(after), _) => Bound::Excluded(after.clone()),
        (None, Some(f)) if f.attribute == "username" => Bound::Included(f.value.clone()),
        (None, _) => Bound::Unbounded,
    };
    // With a username filter, names past the value (or its prefix) cannot match: stop there.
    let past_username_filter = |name: &str| {
        filter.as_ref().is_some_and(|f| {
            f.attribute == "username"
                && if f.prefix {
                    !name.starts_with(f.value.as_str()) && name > f.value.as_str()
                } else {
                    name > f.value.as_str()
                }
        })
    };
    let mut matching = state
        .users
        .range::<String, _>((start, Bound::Unbounded))
        .map(|(_, user)| user)
        .take_while(|user| !past_username_filter(&user.username))
        .filter(|user| filter.as_ref().is_none_or(|f| f.matches(user)));
    let page: Vec<&User> = matching.by_ref().take(limit).collect();
    let more = matching.next().is_some();
    let pagination_token = match page.last() {
        Some(last) if more => Some(URL_SAFE_NO_PAD.encode(last.username.as_bytes())),
        _ => None,
    };
    let users = page
        .into_iter()
        .map(|user| user_type(user, req.attributes_to_get.as_deref()))
        .collect();
    Ok(ListUsersResponse {
        users,
        pagination_token,
    })
}

fn decode_token(token: &str) -> Result<String, Fault> {
    URL_SAFE_NO_PAD
        .decode(token)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .filter(|name| !name.is_empty())
        .ok_or_else(|| Fault::invalid_parameter("Invalid pagination token."))
}

fn user_type(user: &User, attributes_to_get: Option<&[String]>) -> UserType {
    let mut attributes = user.attributes();
    if let Some(wanted) = attributes_to_get {
        attributes.retain(|a| wanted.contains(&a.name));
    }
    UserType {
        username: user.username.clone(),
        attributes,
        user_create_date: epoch_seconds(user.created_ms),
        user_last_modified_date: epoch_seconds(user.modified_ms),
        enabled: user.enabled,
        user_status: user.status_name().into(),
    }
}
