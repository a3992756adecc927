//! Headless Chromium for tests of the project's web pages (the `jitgen-log html` viewer, the
//! speed center): start Debian's `chromium`, load a local file or a directory served on the
//! loopback address ([`serve`]), evaluate JavaScript, read the DOM, save a screenshot.
//!
//! The browser is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
//! JSON messages ended by a NUL byte, the browser reading fd 3 and writing fd 4), so no
//! port is opened and no client crate with the whole protocol's generated types is needed.
//! A missing `chromium` is an error, never a skip: `.ci/run` installs it.

mod server;

use std::io::{BufRead, BufReader, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

pub use server::{serve, Server};

/// How long one command (a page load, an evaluation, a screenshot) may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// What went wrong: a readable message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// A result with an [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

fn error(message: impl Into<String>) -> Error {
    Error(message.into())
}

/// A headless Chromium with one page (tab), closed when dropped.
pub struct Browser {
    child: Child,
    to_browser: std::fs::File,
    from_browser: Receiver<Value>,
    session: String,
    next_id: u64,
    profile: PathBuf,
}

/// A pipe's read and write ends, close-on-exec.
fn pipe() -> Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(error(format!("pipe: {}", std::io::Error::last_os_error())));
    }
    // SAFETY: pipe2 succeeded, so both are open descriptors owned by nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

impl Browser {
    /// Starts `chromium` headless with a `width` x `height` viewport and a fresh profile, and
    /// opens a blank page. An error if Chromium is not installed (`apt-get install
    /// chromium`) or does not start.
    pub fn launch(width: u32, height: u32) -> Result<Browser> {
        use std::os::fd::AsRawFd;
        static LAUNCHED: AtomicU32 = AtomicU32::new(0);
        let profile = std::env::temp_dir().join(format!(
            "browser-test-{}-{}",
            std::process::id(),
            LAUNCHED.fetch_add(1, Ordering::Relaxed)
        ));
        let (browser_reads, we_write) = pipe()?;
        let (we_read, browser_writes) = pipe()?;
        let (r, w) = (browser_reads.as_raw_fd(), browser_writes.as_raw_fd());
        let mut command = Command::new("chromium");
        command
            .args([
                "--headless",
                "--remote-debugging-pipe",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--mute-audio",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--window-size={width},{height}"))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (fcntl, dup2) between fork and exec.
        unsafe {
            command.pre_exec(move || {
                // Moved out of the way first, in case a pipe end is fd 3 or 4 already.
                let (r, w) = (
                    libc::fcntl(r, libc::F_DUPFD, 10),
                    libc::fcntl(w, libc::F_DUPFD, 10),
                );
                if r < 0 || w < 0 || libc::dup2(r, 3) < 0 || libc::dup2(w, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().map_err(|e| {
            error(format!(
                "cannot start `chromium` ({e}): install Debian's chromium (apt-get install chromium)"
            ))
        })?;
        drop((browser_reads, browser_writes));
        let (sender, from_browser) = mpsc::channel();
        let mut reader = BufReader::new(std::fs::File::from(we_read));
        std::thread::spawn(move || loop {
            let mut message = Vec::new();
            match reader.read_until(0, &mut message) {
                Ok(0) | Err(_) => return,
                Ok(_) => {
                    message.pop();
                    let Ok(value) = serde_json::from_slice::<Value>(&message) else {
                        continue;
                    };
                    if sender.send(value).is_err() {
                        return;
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            to_browser: std::fs::File::from(we_write),
            from_browser,
            session: String::new(),
            next_id: 0,
            profile,
        };
        let target = browser.call("Target.createTarget", json!({ "url": "about:blank" }))?;
        let target_id = target["targetId"].clone();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        )?;
        browser.session = attached["sessionId"]
            .as_str()
            .ok_or_else(|| error("no session id"))?
            .to_string();
        browser.call("Page.enable", json!({}))?;
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        )?;
        Ok(browser)
    }

    /// Sends the protocol command `method` with `params` (to the page once attached) and
    /// waits for its result; events that arrive meanwhile are dropped.
    fn call(&mut self, method: &str, params: Value) -> Result<Value> {
        self.send(method, params)?;
        let id = self.next_id;
        self.wait_for(|message| message["id"] == id)
            .and_then(|reply| match reply.get("error") {
                Some(e) => Err(error(format!("{method}: {e}"))),
                None => Ok(reply["result"].clone()),
            })
    }

    /// Sends `method` with `params` without waiting.
    fn send(&mut self, method: &str, params: Value) -> Result<()> {
        self.next_id += 1;
        let mut message = json!({ "id": self.next_id, "method": method, "params": params });
        if !self.session.is_empty() {
            message["sessionId"] = Value::String(self.session.clone());
        }
        let mut bytes = serde_json::to_vec(&message).map_err(|e| error(e.to_string()))?;
        bytes.push(0);
        self.to_browser
            .write_all(&bytes)
            .map_err(|e| error(format!("chromium went away: {e}")))
    }

    /// The first message from the browser that `wanted` accepts, within [`TIMEOUT`].
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Result<Value> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self.from_browser.recv_timeout(left).map_err(|e| match e {
                mpsc::RecvTimeoutError::Timeout => error("chromium did not answer in time"),
                mpsc::RecvTimeoutError::Disconnected => error("chromium went away"),
            })?;
            if wanted(&message) {
                return Ok(message);
            }
        }
    }

    /// Loads `url` and waits until its `load` event (scripts run, images loaded).
    pub fn goto(&mut self, url: &str) -> Result<()> {
        let navigated = self.call("Page.navigate", json!({ "url": url }))?;
        if let Some(failed) = navigated.get("errorText") {
            return Err(error(format!("cannot load {url}: {failed}")));
        }
        self.wait_for(|m| m["method"] == "Page.loadEventFired")?;
        Ok(())
    }

    /// Loads the local file `path`.
    pub fn open_file(&mut self, path: &Path) -> Result<()> {
        let path = path
            .canonicalize()
            .map_err(|e| error(format!("{}: {e}", path.display())))?;
        self.goto(&format!("file://{}", path.display()))
    }

    /// The value of the JavaScript expression `expression` in the page (a promise is
    /// awaited), as JSON; a thrown exception is an error.
    pub fn eval(&mut self, expression: &str) -> Result<Value> {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        )?;
        if let Some(exception) = result.get("exceptionDetails") {
            return Err(error(format!("{expression}: {exception}")));
        }
        Ok(result["result"]["value"].clone())
    }

    /// The page's text as a person reads it (`document.body.innerText`).
    pub fn text(&mut self) -> Result<String> {
        let text = self.eval("document.body.innerText")?;
        Ok(text.as_str().unwrap_or_default().to_string())
    }

    /// Saves what the viewport shows as a PNG at `path`.
    pub fn screenshot(&mut self, path: &Path) -> Result<()> {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }))?;
        let data = shot["data"]
            .as_str()
            .ok_or_else(|| error("no screenshot"))?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| error(format!("screenshot: {e}")))?;
        std::fs::write(path, png).map_err(|e| error(format!("{}: {e}", path.display())))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
