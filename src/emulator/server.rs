//! HTTP and HTTPS: the accept loop, connections and their time limits (a TLS handshake included),
//! Cognito's error shape. What one request does is `routes`.

use super::fault::Fault;
use super::random::uuid_v4;
use super::routes::{self, JSON_CONTENT_TYPE};
use super::shared::Shared;
use super::trim::{BURST, release_free_memory};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONNECTION, CONTENT_TYPE, HeaderValue};
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;

/// Once told to stop, how long open requests may take to finish before they are cut.
pub const SHUTDOWN_GRACE: Duration = Duration::from_millis(500);

/// Accepts connections until `shutdown` changes (or its sender is dropped), then lets open
/// requests finish for up to `SHUTDOWN_GRACE` and cuts whatever is left.
pub async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    tls: Option<TlsAcceptor>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    connections.spawn(accept(stream, tls.clone(), shared.clone(), shutdown.clone()));
                }
                // Out of file descriptors and the like: back off briefly instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
            // Reaps finished connections as they end, so none is kept until the next accept.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            _ = shutdown.changed() => break,
        }
    }
    drop(listener);
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        connections.shutdown().await;
    }
}

/// Counts a connection open for as long as it lives; the last one to close after a burst
/// gives the memory the burst used back to the system.
struct Open(Arc<Shared>);

impl Open {
    fn new(shared: Arc<Shared>) -> Self {
        shared.open.send_modify(|n| *n += 1);
        let open = *shared.open.borrow();
        shared.peak_open.fetch_max(open, Ordering::Relaxed);
        Self(shared)
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0.open.send_modify(|n| *n = n.saturating_sub(1));
        if *self.0.open.borrow() == 0 && self.0.peak_open.swap(0, Ordering::Relaxed) >= BURST {
            release_free_memory();
        }
    }
}

/// One accepted connection: over TLS, the handshake first, within the time a client has to send
/// its headers (a handshake that stalls is dropped then, as a silent client is), and cut by a
/// stop like any request.
async fn accept(
    stream: TcpStream,
    tls: Option<TlsAcceptor>,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let _open = Open::new(shared.clone());
    let Some(acceptor) = tls else {
        return connection(stream, shared, shutdown).await;
    };
    let handshake = tokio::time::timeout(shared.limits.header_read, acceptor.accept(stream));
    let stream = tokio::select! {
        done = handshake => match done {
            Ok(Ok(stream)) => stream,
            // A failed or stalled handshake: nothing to answer, the connection is closed.
            Ok(Err(_)) | Err(_) => return,
        },
        _ = shutdown.changed() => return,
    };
    connection(stream, shared, shutdown).await
}

async fn connection<S>(stream: S, shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let header_read = shared.limits.header_read;
    let service = hyper::service::service_fn(move |req| handle(shared.clone(), req));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_read);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    let mut conn = std::pin::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = shutdown.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let started = Instant::now();
    let request_id = uuid_v4();
    // The whole request, body included, within the deadline: a body that stalls is dropped
    // with its buffers, and the connection closed.
    let (operation, result) =
        match tokio::time::timeout(shared.limits.request, routes::answer(&shared, req)).await {
            Ok(answer) => answer,
            Err(_) => (None, Err(request_timeout())),
        };
    if shared.log {
        let outcome = match &result {
            Ok(_) => "200".to_string(),
            Err(fault) => format!("{} {}", fault.status, fault.code),
        };
        eprintln!(
            "{request_id} {} {outcome} {} µs",
            operation.unwrap_or("-"),
            started.elapsed().as_micros()
        );
    }
    Ok(respond(&request_id, result))
}

pub const REQUEST_TIMEOUT: &str = "RequestTimeoutException";

fn request_timeout() -> Fault {
    Fault::new(
        REQUEST_TIMEOUT,
        "The request was not received within the time allowed",
    )
    .with_status(408)
}

fn respond(request_id: &str, result: Result<Vec<u8>, Fault>) -> Response<Full<Bytes>> {
    let (status, body, error_type) = match result {
        Ok(body) => (200, body, None),
        Err(fault) => {
            let body = serde_json::json!({"__type": fault.code, "message": fault.message});
            (
                fault.status,
                body.to_string().into_bytes(),
                Some(fault.code),
            )
        }
    };
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert("x-amzn-requestid", id);
    }
    if let Some(code) = error_type {
        headers.insert("x-amzn-errortype", HeaderValue::from_static(code));
        if code == REQUEST_TIMEOUT {
            // The rest of the body may still come: this connection cannot carry another request.
            headers.insert(CONNECTION, HeaderValue::from_static("close"));
        }
    }
    response
}
