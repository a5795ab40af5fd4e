//! A loopback port that refuses connections. Binding a listener to port 0 and dropping it frees
//! the port, which another test's server may then be given; a socket that is bound but never
//! listens keeps the port for as long as it lives, and every connection to it is refused.

use std::os::fd::OwnedFd;

pub struct RefusingPort {
    pub port: u16,
    _socket: OwnedFd,
}

impl RefusingPort {
    pub fn new() -> Self {
        use rustix::net::{AddressFamily, SocketType, bind, getsockname, socket};
        let socket = socket(AddressFamily::INET, SocketType::STREAM, None).unwrap();
        bind(
            &socket,
            &std::net::SocketAddrV4::new(std::net::Ipv4Addr::LOCALHOST, 0),
        )
        .unwrap();
        let addr = std::net::SocketAddr::try_from(getsockname(&socket).unwrap()).unwrap();
        Self {
            port: addr.port(),
            _socket: socket,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}
