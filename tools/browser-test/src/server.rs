//! A directory served over HTTP on the loopback address, for pages that must be loaded from
//! a server rather than from `file://` (one request at a time, `GET` only).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::{error, Result};

/// A running server; it stops when dropped.
pub struct Server {
    url: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// The address of the served directory's root, `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wakes the accepting thread up so it sees the flag.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://").trim_end_matches('/'));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves the files under `dir` at `http://127.0.0.1:PORT/` (a free port) until the returned
/// [`Server`] is dropped.
pub fn serve(dir: &Path) -> Result<Server> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| error(format!("bind: {e}")))?;
    let port = listener
        .local_addr()
        .map_err(|e| error(e.to_string()))?
        .port();
    let stop = Arc::new(AtomicBool::new(false));
    let root = dir.to_path_buf();
    let stopped = stop.clone();
    let thread = std::thread::spawn(move || {
        for stream in listener.incoming() {
            if stopped.load(Ordering::Relaxed) {
                return;
            }
            if let Ok(stream) = stream {
                let _ = answer(&root, stream);
            }
        }
    });
    Ok(Server {
        url: format!("http://127.0.0.1:{port}/"),
        stop,
        thread: Some(thread),
    })
}

/// The file under `root` that the request path `path` names, if it stays inside `root`
/// (`/` is `index.html`).
fn file_for(root: &Path, path: &str) -> Option<PathBuf> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let file = root.join(relative);
    Some(match file.is_dir() {
        true => file.join("index.html"),
        false => file,
    })
}

/// The content type of a file, by its extension.
fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// Reads one request from `stream` and answers it: the file, or 404.
fn answer(root: &Path, mut stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // The headers, read to their blank line so closing does not reset the connection.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut words = request.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let file = file_for(root, path).filter(|_| method == "GET");
    let (status, kind, body) = match file.as_ref().map(|f| (f, std::fs::read(f))) {
        Some((file, Ok(body))) => ("200 OK", content_type(file), body),
        _ => ("404 Not Found", "text/plain", b"not found\n".to_vec()),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_inside_the_root() {
        let root = Path::new("/srv/site");
        assert_eq!(file_for(root, "/a/b.html?x=1"), Some(root.join("a/b.html")));
        assert_eq!(file_for(root, "/../etc/passwd"), None);
        assert_eq!(content_type(Path::new("x.css")), "text/css");
    }
}
