//! Where SRP's modular exponentiations run: on tokio's blocking threads, never on the thread
//! that serves requests, and at most as many at once as the machine has cores. Sign-ins beyond
//! that wait their turn without holding anything up, so every other request is still answered
//! while SRP sign-ins pile up.

use super::fault::Fault;
use super::ops_srp::{SrpDone, SrpWork};
use std::sync::Arc;
use tokio::sync::Semaphore;

pub struct Proofs {
    permits: Arc<Semaphore>,
    /// Runs on the proof's thread before its maths: lets a test hold a proof mid-way.
    #[cfg(test)]
    pub before: Option<Arc<dyn Fn() + Send + Sync>>,
}

impl Default for Proofs {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Self {
            permits: Arc::new(Semaphore::new(cores)),
            #[cfg(test)]
            before: None,
        }
    }
}

impl Proofs {
    /// Does `work` on a blocking thread once a core is free for it.
    pub async fn run(&self, work: SrpWork) -> Result<SrpDone, Fault> {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Fault::internal())?;
        #[cfg(test)]
        let before = self.before.clone();
        let task = tokio::task::spawn_blocking(move || {
            #[cfg(test)]
            if let Some(before) = before {
                before();
            }
            let done = work.compute();
            drop(permit);
            done
        });
        // A panic in the maths answers 500, as one anywhere else does.
        task.await.unwrap_or_else(|_| Err(Fault::internal()))
    }
}

#[cfg(test)]
mod tests {
    use crate::emulator::{Emulator, EmulatorConfig};
    use serde_json::{Value, json};
    use std::io::{Read, Write};
    use std::net::{SocketAddr, TcpStream};
    use std::sync::Mutex;
    use std::sync::mpsc;
    use std::time::Duration;

    /// A bound on every wait, so that a starved server fails the test instead of hanging it.
    const PATIENCE: Duration = Duration::from_secs(10);

    fn call(addr: SocketAddr, operation: &str, body: &Value) -> (u16, Value) {
        let body = body.to_string();
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-amz-json-1.1\r\n\
             X-Amz-Target: AWSCognitoIdentityProviderService.{operation}\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        let status = answer.split(' ').nth(1).unwrap().parse().unwrap();
        let (_, json) = answer.split_once("\r\n\r\n").unwrap();
        (status, serde_json::from_str(json).unwrap())
    }

    #[test]
    fn other_requests_are_answered_while_a_proof_is_under_way() {
        let (started, proof_started) = mpsc::channel();
        let (release, released) = mpsc::channel::<()>();
        let released = Mutex::new(released);
        let emulator = Emulator::new(EmulatorConfig::embedded().unwrap()).before_proof(move || {
            let _ = started.send(());
            let _ = released.lock().unwrap().recv_timeout(PATIENCE);
        });
        // A current-thread runtime of its own, as the binary serves.
        let (addr_sender, addr) = mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let running = emulator.start().await.unwrap();
                addr_sender.send(running.addr()).unwrap();
                let _ = stopped.await;
                running.shutdown().await;
            });
        });
        let addr = addr.recv().unwrap();
        let client_id = "demo0client0000000000000aa";
        let srp_a = crate::auth::SrpClient::generate().srp_a();
        let srp = std::thread::spawn(move || {
            call(
                addr,
                "InitiateAuth",
                &json!({"AuthFlow": "USER_SRP_AUTH", "ClientId": client_id,
                        "AuthParameters": {"USERNAME": "demo", "SRP_A": srp_a}}),
            )
        });
        proof_started.recv_timeout(PATIENCE).unwrap();

        let (status, body) = call(
            addr,
            "InitiateAuth",
            &json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client_id,
                    "AuthParameters": {"USERNAME": "demo", "PASSWORD": "Demo-Passw0rd!"}}),
        );
        assert_eq!(status, 200, "answered while the proof is held: {body}");
        assert_eq!(body["ChallengeName"], "MFA_SETUP");

        release.send(()).unwrap();
        let (status, body) = srp.join().unwrap();
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["ChallengeName"], "PASSWORD_VERIFIER");
        stop.send(()).unwrap();
        server.join().unwrap();
    }
}
