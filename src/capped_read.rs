//! Reading files and streams with a size cap and, for what is not a regular file, a deadline.
//!
//! Every value the program reads from a file or a stream goes through here: `file://` values,
//! input documents, config files, CA bundles, the password on standard input. A value that
//! is too large (`/dev/zero`, a 3 GB file) is refused as soon as the cap is passed, and a pipe or
//! device whose writer never finishes is given up on after [`NOT_REGULAR_DEADLINE`] instead
//! of hanging.

use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::Path;
use std::time::Duration;
#[cfg(unix)]
use std::time::Instant;

/// The cap for documents: input documents, config files, CA bundles.
pub const DOCUMENT_CAP: usize = 1024 * 1024;
/// The cap for one value: a token, a session, a password, a client secret.
pub const SECRET_CAP: usize = 64 * 1024;
/// How long a file that is not a regular file (a FIFO, a device, a socket) may take to end.
pub const NOT_REGULAR_DEADLINE: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum CappedReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("it is larger than {}", size_text(*cap))]
    TooLarge { cap: usize },
    #[error(
        "it did not end within {} s (a pipe or device whose writer is still open)",
        after.as_secs()
    )]
    TimedOut { after: Duration },
    #[error("it is not UTF-8 text")]
    NotUtf8,
}

impl CappedReadError {
    /// The file does not exist (some callers treat that as empty).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

fn size_text(cap: usize) -> String {
    if cap >= 1024 * 1024 && cap.is_multiple_of(1024 * 1024) {
        format!("{} MiB", cap / (1024 * 1024))
    } else if cap >= 1024 && cap.is_multiple_of(1024) {
        format!("{} KiB", cap / 1024)
    } else {
        format!("{cap} bytes")
    }
}

/// The whole content of `path`, refused once it passes `cap` bytes. A regular file larger
/// than `cap` is refused before reading; anything else (a FIFO, `/dev/stdin`, a device) must
/// end within [`NOT_REGULAR_DEADLINE`]. Opening never waits for a FIFO's writer.
pub fn read_capped(path: &Path, cap: usize) -> Result<Vec<u8>, CappedReadError> {
    read_capped_within(path, cap, NOT_REGULAR_DEADLINE)
}

/// [`read_capped`] as UTF-8 text.
pub fn read_capped_to_string(path: &Path, cap: usize) -> Result<String, CappedReadError> {
    String::from_utf8(read_capped(path, cap)?).map_err(|_| CappedReadError::NotUtf8)
}

/// [`read_capped`] with another deadline for what is not a regular file.
pub fn read_capped_within(
    path: &Path,
    cap: usize,
    deadline: Duration,
) -> Result<Vec<u8>, CappedReadError> {
    let file = open_without_waiting(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::other("it is a directory").into());
    }
    if meta.is_file() {
        if meta.len() > cap as u64 {
            return Err(CappedReadError::TooLarge { cap });
        }
        return read_to_cap(file, cap);
    }
    read_not_regular(file, cap, deadline)
}

/// One line (without its `\n` or `\r\n`) from `reader`, refused once it passes `cap` bytes
/// without a newline. End of input ends the line. Reads no further than the newline.
pub fn read_line_capped(reader: &mut impl BufRead, cap: usize) -> Result<Vec<u8>, CappedReadError> {
    let mut line = Vec::new();
    let read = reader
        .take(cap as u64 + 1)
        .read_until(b'\n', &mut line)
        .map_err(CappedReadError::Io);
    let result = match read {
        Ok(_) if line.last() == Some(&b'\n') => {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            Ok(())
        }
        Ok(_) if line.len() > cap => Err(CappedReadError::TooLarge { cap }),
        Ok(_) => Ok(()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(line),
        Err(e) => {
            zeroize::Zeroize::zeroize(&mut line);
            Err(e)
        }
    }
}

fn read_to_cap(file: File, cap: usize) -> Result<Vec<u8>, CappedReadError> {
    let mut out = Vec::new();
    file.take(cap as u64 + 1).read_to_end(&mut out)?;
    if out.len() > cap {
        return Err(CappedReadError::TooLarge { cap });
    }
    Ok(out)
}

#[cfg(unix)]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO does not wait for a writer; regular files ignore it.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Reads until end of input, waiting for data with `poll` so the deadline holds even when the
/// writer keeps the pipe open and sends nothing.
#[cfg(unix)]
fn read_not_regular(
    mut file: File,
    cap: usize,
    deadline: Duration,
) -> Result<Vec<u8>, CappedReadError> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let end = Instant::now() + deadline;
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(CappedReadError::TimedOut { after: deadline });
        }
        let timeout = Timespec {
            tv_sec: left.as_secs().try_into().unwrap_or(i64::MAX),
            tv_nsec: left.subsec_nanos().into(),
        };
        let mut fds = [PollFd::new(&file, PollFlags::IN)];
        match poll(&mut fds, Some(&timeout)) {
            Ok(0) => return Err(CappedReadError::TimedOut { after: deadline }),
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(io::Error::from(e).into()),
        }
        match file.read(&mut chunk) {
            Ok(0) => return Ok(out),
            Ok(n) => {
                if out.len() + n > cap {
                    return Err(CappedReadError::TooLarge { cap });
                }
                out.extend_from_slice(&chunk[..n]);
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => return Err(e.into()),
        }
    }
}

#[cfg(not(unix))]
fn read_not_regular(
    file: File,
    cap: usize,
    _deadline: Duration,
) -> Result<Vec<u8>, CappedReadError> {
    read_to_cap(file, cap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn small_files_are_read_whole() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(b"hello\n").unwrap();
        assert_eq!(read_capped(f.path(), 6).unwrap(), b"hello\n");
        assert!(matches!(
            read_capped(f.path(), 5),
            Err(CappedReadError::TooLarge { cap: 5 })
        ));
        assert!(
            read_capped(Path::new("/nonexistent/x"), 5)
                .unwrap_err()
                .is_not_found()
        );
    }

    #[test]
    fn a_large_sparse_file_is_refused_without_reading_it() {
        let f = tempfile::NamedTempFile::new().unwrap();
        f.as_file().set_len(3 * 1024 * 1024 * 1024).unwrap();
        let err = read_capped(f.path(), DOCUMENT_CAP).unwrap_err();
        assert_eq!(err.to_string(), "it is larger than 1 MiB");
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_is_refused_at_the_cap() {
        let err = read_capped(Path::new("/dev/zero"), SECRET_CAP).unwrap_err();
        assert_eq!(err.to_string(), "it is larger than 64 KiB");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_whose_writer_stays_silent_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fifo");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &path,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        )
        .unwrap();
        // A writer that holds the FIFO open and never writes (opened read-write so the open
        // itself does not wait for a reader).
        let _writer = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        let err = read_capped_within(&path, SECRET_CAP, Duration::from_millis(200)).unwrap_err();
        assert!(matches!(err, CappedReadError::TimedOut { .. }), "{err:?}");
    }

    #[test]
    fn a_line_stops_at_the_newline_or_the_cap() {
        let mut input = io::Cursor::new(b"secret\r\nrest".to_vec());
        assert_eq!(read_line_capped(&mut input, 10).unwrap(), b"secret");
        let mut endless = io::repeat(0).take(1 << 30);
        let mut reader = io::BufReader::new(&mut endless);
        assert!(matches!(
            read_line_capped(&mut reader, SECRET_CAP),
            Err(CappedReadError::TooLarge { .. })
        ));
        let mut exact = io::Cursor::new(b"abc".to_vec());
        assert_eq!(read_line_capped(&mut exact, 3).unwrap(), b"abc");
    }
}
