//! `admin report`: every user of a pool (ListUsers, page by page) with their MFA methods
//! (AdminGetUser each, a bounded number at once, backing off while Cognito throttles), written
//! row by row in ListUsers' order. Memory holds one page and the calls in flight, never the
//! pool; an interrupted `--out` file continues with `--resume`.

use super::report_output::{Row, RowWriter, prepare_resume, written_name};
use crate::admin::wire::{AdminGetUserRequest, ListUsersRequest, ListedUser};
use crate::admin::{AdminClient, AdminError};
use crate::cli::{ReportArgs, ReportFormat};
use crate::cognito::ServiceErrorKind;
use crate::failure::Failure;
use crate::safe_text::one_line;
use futures_util::{StreamExt, TryStreamExt, stream};
use indicatif::{ProgressBar, ProgressStyle};
use std::cell::Cell;
use std::io::{BufWriter, IsTerminal, Write};
use std::time::{Duration, Instant};

/// ListUsers' largest page.
const PAGE: u32 = 60;
/// Waits while Cognito throttles one AdminGetUser, after the client's own retries.
const BACKOFF: [u64; 6] = [1, 2, 4, 8, 16, 30];

pub async fn run(client: &AdminClient, args: &ReportArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let (out, resume_after, fresh) = open_output(args)?;
    let write_failed = |e: std::io::Error| {
        Failure::Other(format!(
            "cannot write the report: {e}. Check the disk or the pipe{}",
            if args.out.is_some() {
                ", then run again with --resume"
            } else {
                ""
            }
        ))
    };
    let terminal = args.out.is_none() && std::io::stdout().is_terminal();
    let mut writer = RowWriter::new(BufWriter::new(out), args.format, fresh)
        .map_err(write_failed)?
        .for_terminal(terminal);
    let progress = progress_bar();
    let requests = Cell::new(0u64);
    let resumed = Cell::new(resume_after.is_none());
    let listed = Cell::new(0u64);
    let users =
        list_users(client, &args.user_pool_id, args.status.clone(), &requests).try_filter(|user| {
            listed.set(listed.get() + 1);
            let keep = if resumed.get() {
                args.status
                    .as_ref()
                    .is_none_or(|s| user.user_status.as_deref().is_none_or(|us| us == s))
            } else {
                if Some(written_name(args.format, &user.username)) == resume_after {
                    resumed.set(true);
                }
                false
            };
            std::future::ready(keep)
        });
    let rows = users
        .map(|user| async {
            let user = user?;
            requests.set(requests.get() + 1);
            fetch(client, &args.user_pool_id, user).await
        })
        .buffered(usize::from(args.concurrency));
    let mut rows = std::pin::pin!(rows);
    while let Some(row) = rows.next().await {
        progress.inc(1);
        let Some(row) = row? else { continue };
        if args.without_mfa && !row.mfa_methods.is_empty() {
            continue;
        }
        writer.write(&row).map_err(write_failed)?;
    }
    let written = writer.finish().map_err(write_failed)?;
    progress.finish_and_clear();
    if !resumed.get() {
        return Err(Failure::Other(format!(
            "The last user in the file ({}) is no longer listed in the pool, so the report cannot tell where to resume. Run it again without --resume.",
            one_line(resume_after.as_deref().unwrap_or(""))
        )));
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "Wrote {written} users ({} listed) with {} requests in {secs:.1} s ({:.0} requests/s).",
        listed.get(),
        requests.get(),
        requests.get() as f64 / secs.max(0.001)
    );
    Ok(())
}

/// The users in ListUsers' order, one page fetched at a time as the consumer needs it.
fn list_users<'a>(
    client: &'a AdminClient,
    pool_id: &'a str,
    status: Option<String>,
    requests: &'a Cell<u64>,
) -> impl futures_util::Stream<Item = Result<ListedUser, Failure>> + 'a {
    let filter = status.map(|s| format!("cognito:user_status = \"{}\"", s.replace('"', "")));
    stream::try_unfold(Some(None::<String>), move |token| {
        let filter = filter.clone();
        async move {
            let Some(token) = token else { return Ok(None) };
            requests.set(requests.get() + 1);
            let request = ListUsersRequest {
                user_pool_id: pool_id.to_string(),
                attributes_to_get: None,
                limit: Some(PAGE),
                pagination_token: token,
                filter,
            };
            let page = with_backoff(|| client.call(&request)).await?;
            let next = page.pagination_token.filter(|t| !t.is_empty()).map(Some);
            Ok::<_, Failure>(Some((
                stream::iter(page.users.into_iter().map(Ok::<_, Failure>)),
                next,
            )))
        }
    })
    .try_flatten()
}

/// One user's row; `None` when the user was deleted since ListUsers named them.
async fn fetch(
    client: &AdminClient,
    pool_id: &str,
    listed: ListedUser,
) -> Result<Option<Row>, Failure> {
    let request = AdminGetUserRequest {
        user_pool_id: pool_id.to_string(),
        username: listed.username.clone(),
    };
    match with_backoff(|| client.call(&request)).await {
        Ok(user) => Ok(Some(Row::new(&listed, &user))),
        Err(Failure::Api(e)) if e.kind() == Some(ServiceErrorKind::UserNotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Retries a throttled call with growing, jittered waits; other errors end the report.
async fn with_backoff<T, F, Fut>(mut call: F) -> Result<T, Failure>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, AdminError>>,
{
    let mut waits = BACKOFF.iter();
    loop {
        match call().await {
            Err(AdminError::Api(e)) if e.kind() == Some(ServiceErrorKind::TooManyRequests) => {
                let Some(&wait) = waits.next() else {
                    return Err(Failure::Api(e));
                };
                let jitter = 0.5 + rand::random::<f64>() / 2.0;
                tokio::time::sleep(Duration::from_secs(wait).mul_f64(jitter)).await;
            }
            other => return other.map_err(Failure::from),
        }
    }
}

type Output = (Box<dyn Write>, Option<String>, bool);

/// stdout, a new file, or an interrupted file cut after its last complete row.
fn open_output(args: &ReportArgs) -> Result<Output, Failure> {
    let Some(path) = &args.out else {
        return Ok((Box::new(std::io::stdout().lock()), None, true));
    };
    let shown = one_line(&path.display().to_string()).into_owned();
    let cannot = |e: std::io::Error| {
        Failure::Other(format!(
            "cannot open {shown}: {e}. Check the path and its permissions."
        ))
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).read(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // The report holds e-mail addresses and phone numbers: readable by its owner only.
        options.mode(0o600);
    }
    if !args.resume {
        options.truncate(true);
    }
    let mut file = options.open(path).map_err(cannot)?;
    if !args.resume {
        return Ok((Box::new(file), None, true));
    }
    let point = prepare_resume(&mut file, args.format)
        .map_err(|e| Failure::Usage(format!("cannot resume {shown}: {e}")))?;
    if args.format == ReportFormat::Json {
        return Err(Failure::Usage(
            "a JSON array cannot be resumed: use --format csv or jsonl".into(),
        ));
    }
    Ok((Box::new(file), point.after, point.fresh))
}

/// A spinner with the count and rate on stderr; indicatif draws nothing when stderr is not a
/// terminal.
fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos} users checked ({per_sec}, {elapsed})")
    {
        bar.set_style(style);
    }
    bar
}
