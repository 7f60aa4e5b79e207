//! Any bytes as a time server's answer: the SNTP client must name what is
//! wrong, never panic. A responder on 127.0.0.1 sends each input back as
//! the reply to the real client's request.
#![no_main]

use doctor::network::SystemResolver;
use doctor::remote_clock::{ask_ntp_server, NtpServer};
use libfuzzer_sys::fuzz_target;
use std::net::UdpSocket;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

struct Responder {
    port: u16,
    reply: &'static Mutex<Vec<u8>>,
}

fn responder() -> &'static Responder {
    static REPLY: Mutex<Vec<u8>> = Mutex::new(Vec::new());
    static RESPONDER: OnceLock<Responder> = OnceLock::new();
    RESPONDER.get_or_init(|| {
        let socket = UdpSocket::bind("127.0.0.1:0").expect("bind");
        let port = socket.local_addr().expect("addr").port();
        std::thread::spawn(move || {
            let mut buf = [0u8; 512];
            while let Ok((_, from)) = socket.recv_from(&mut buf) {
                let reply = REPLY.lock().map(|r| r.clone()).unwrap_or_default();
                let _ = socket.send_to(&reply, from);
            }
        });
        Responder { port, reply: &REPLY }
    })
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
    })
}

fuzz_target!(|data: &[u8]| {
    let responder = responder();
    if let Ok(mut reply) = responder.reply.lock() {
        *reply = data.to_vec();
    }
    let server = NtpServer {
        host: "127.0.0.1".to_owned(),
        port: responder.port,
    };
    runtime().block_on(async {
        let deadline = tokio::time::Instant::now() + Duration::from_millis(250);
        let _ = ask_ntp_server(&server, &SystemResolver, deadline).await;
    });
});
