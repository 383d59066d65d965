//! Where a project lives on a server: `postgres://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE`,
//! with `?project=ID` for one project. The rest of the query (`sslmode=…`, `connect_timeout=…`)
//! goes to PostgreSQL as it is. A password not written in the address comes from `PGPASSWORD`
//! (never stored by GiamSat); a user not written from `PGUSER`, else the system's user name.

use std::fmt;

/// A server address, checked.
#[derive(Clone, PartialEq, Eq)]
pub struct Address {
    /// `postgres://` … up to the database, without the password.
    base: String,
    user: Option<String>,
    password: Option<String>,
    /// The query string's other settings, for PostgreSQL.
    options: Vec<(String, String)>,
    pub project: Option<i64>,
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the password, not even in a debug print.
        write!(f, "Address({self})")
    }
}

/// Whether `text` is a server address rather than a file name.
pub fn is_address(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

impl Address {
    /// Reads an address; the message says what is wrong with it.
    pub fn parse(text: &str) -> Result<Address, String> {
        let text = text.trim();
        let rest = ["postgres://", "postgresql://"]
            .iter()
            .find_map(|p| {
                text.get(..p.len())
                    .filter(|head| head.eq_ignore_ascii_case(p))
                    .map(|_| &text[p.len()..])
            })
            .ok_or_else(|| {
                format!(
                    "địa chỉ máy chủ phải bắt đầu bằng postgres:// (ví dụ postgres://nguyen.van.a@may-chu:5432/giamsat?project=1), không phải “{text}”"
                )
            })?;
        let (main, query) = match rest.split_once('?') {
            Some((m, q)) => (m, Some(q)),
            None => (rest, None),
        };
        let (userinfo, hostpart) = match main.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, main),
        };
        let (user, password) = match userinfo {
            None => (None, None),
            Some(u) => match u.split_once(':') {
                Some((n, p)) => (Some(decode(n)?), Some(decode(p)?)),
                None => (Some(decode(u)?), None),
            },
        };
        let Some((host, database)) = hostpart.split_once('/') else {
            return Err(format!(
                "địa chỉ “{}” thiếu tên cơ sở dữ liệu sau máy chủ (…/TÊN_CSDL)",
                redact(text)
            ));
        };
        if host.is_empty() {
            return Err(format!("địa chỉ “{}” thiếu tên máy chủ", redact(text)));
        }
        if let Some((_, port)) = host.rsplit_once(':')
            && !host.ends_with(']')
            && port.parse::<u16>().is_err()
        {
            return Err(format!(
                "cổng “{port}” trong địa chỉ “{}” không phải một số từ 1 đến 65535",
                redact(text)
            ));
        }
        let database = decode(database)?;
        if database.is_empty() || database.contains('/') {
            return Err(format!(
                "địa chỉ “{}” thiếu tên cơ sở dữ liệu sau máy chủ (…/TÊN_CSDL)",
                redact(text)
            ));
        }
        let mut project = None;
        let mut options = Vec::new();
        let mut password = password;
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v)?;
            if k == "password" {
                // Kept as the password, never shown with the other settings.
                password = Some(v);
            } else if k == "project" {
                project = Some(v.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("project={v} trong địa chỉ: mã dự án phải là một số dương")
                })?);
            } else {
                options.push((k.to_string(), v));
            }
        }
        // One server, one spelling: "May-Chu:5432" and "may-chu" are the same database.
        let host = host.to_ascii_lowercase();
        let host = host.strip_suffix(":5432").unwrap_or(&host);
        let base = format!("postgres://{}/{}", host, encode(&database));
        Ok(Address {
            base,
            user,
            password,
            options,
            project,
        })
    }

    /// This address for one project.
    pub fn with_project(&self, project: i64) -> Address {
        Address {
            project: Some(project),
            ..self.clone()
        }
    }

    /// The database alone (`postgres://HOST[:PORT]/DATABASE`), whoever logs in: what a pulled
    /// copy records as where it came from.
    pub fn database(&self) -> String {
        self.base.clone()
    }

    /// The user this address logs in as.
    pub fn user(&self) -> String {
        self.user
            .clone()
            .or_else(|| std::env::var("PGUSER").ok().filter(|u| !u.is_empty()))
            .unwrap_or_else(crate::settings::system_user_name)
    }

    /// This address with another user and password (a test, a second window).
    pub fn as_user(&self, user: &str, password: Option<&str>) -> Address {
        Address {
            user: Some(user.to_string()),
            password: password.map(str::to_string),
            ..self.clone()
        }
    }

    /// The office's own certificate authority, when it has one: `sslrootcert=FILE` in the
    /// address, else `PGSSLROOTCERT` (as for psql).
    pub(super) fn root_cert(&self) -> Option<std::path::PathBuf> {
        self.options
            .iter()
            .find(|(k, _)| k == "sslrootcert")
            .map(|(_, v)| v.clone())
            .or_else(|| std::env::var("PGSSLROOTCERT").ok())
            .filter(|p| !p.is_empty())
            .map(std::path::PathBuf::from)
    }

    /// The settings for the PostgreSQL client. `sslmode` is `require` unless the address (or
    /// `PGSSLMODE`) says otherwise (`disable` for a trusted network without TLS); `verify-ca`
    /// and `verify-full` mean `require`, since every encrypted connection checks the server's
    /// certificate and name.
    pub(super) fn config(&self) -> Result<postgres::Config, String> {
        let mut url = self.base.clone();
        let mut sep = '?';
        let mut options: Vec<(String, String)> = self
            .options
            .iter()
            .filter(|(k, _)| k != "sslrootcert")
            .cloned()
            .collect();
        if !options.iter().any(|(k, _)| k == "sslmode") {
            // Encrypted unless the address says otherwise: a server that answers "no TLS" is
            // refused rather than spoken to in the clear.
            let mode = std::env::var("PGSSLMODE")
                .ok()
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "require".into());
            options.push(("sslmode".into(), mode));
        }
        for (k, v) in &mut options {
            if k == "sslmode" && (v == "verify-ca" || v == "verify-full") {
                *v = "require".into();
            }
        }
        for (k, v) in &options {
            url.push(sep);
            url.push_str(k);
            url.push('=');
            url.push_str(&encode(v));
            sep = '&';
        }
        let mut config: postgres::Config = url.parse().map_err(|e: postgres::Error| {
            let mut why = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(x) = source {
                why.push_str(": ");
                why.push_str(&x.to_string());
                source = x.source();
            }
            format!("địa chỉ máy chủ “{self}” không dùng được: {why}")
        })?;
        config.user(&self.user());
        let password = self
            .password
            .clone()
            .or_else(|| std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()));
        if let Some(p) = password {
            config.password(p);
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(std::time::Duration::from_secs(10));
        }
        config.application_name("GiamSat");
        // A network gone quietly (a laptop off the office Wi-Fi) is noticed in about a minute,
        // not when the system's TCP gives up hours later.
        config
            .keepalives(true)
            .keepalives_idle(std::time::Duration::from_secs(30))
            .keepalives_interval(std::time::Duration::from_secs(10))
            .keepalives_retries(3);
        if config.get_options().is_none() {
            // A client that stops halfway never holds a project's changes up for long.
            config.options("-c lock_timeout=60s -c idle_in_transaction_session_timeout=300s");
        }
        Ok(config)
    }
}

/// Shown to people and printed: the user but never the password.
impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rest = &self.base["postgres://".len()..];
        write!(f, "postgres://")?;
        if let Some(u) = &self.user {
            write!(f, "{}@", encode(u))?;
        }
        write!(f, "{rest}")?;
        let mut sep = '?';
        for (k, v) in &self.options {
            write!(f, "{sep}{k}={}", encode(v))?;
            sep = '&';
        }
        if let Some(p) = self.project {
            write!(f, "{sep}project={p}")?;
        }
        Ok(())
    }
}

/// `text` (a message, an address that did not parse) with every password in a server address
/// replaced by `***`: the `USER:PASSWORD@` part and any `password=` setting.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        // The address runs to the next white space.
        let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        let (address, after) = tail.split_at(end);
        out.push_str(&redact_one(address));
        rest = after;
    }
    out.push_str(rest);
    out
}

fn redact_one(address: &str) -> String {
    let (main, query) = match address.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (address, None),
    };
    let mut out = match main.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((n, _)) => format!("{n}:***@{host}"),
            None => main.to_string(),
        },
        None => main.to_string(),
    };
    if let Some(q) = query {
        let parts: Vec<String> = q
            .split('&')
            .map(|p| match p.split_once('=') {
                Some(("password", _)) => "password=***".to_string(),
                _ => p.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&parts.join("&"));
    }
    out
}

fn decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| "trong địa chỉ, “%” phải theo sau là hai chữ số hex".to_string())?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "địa chỉ có ký tự mã hóa (%..) không phải UTF-8".to_string())
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_parts_and_never_shows_the_password() {
        let a = Address::parse("postgres://nguyen.van.a:b%C3%AD%20m%E1%BA%ADt@may-chu:5433/giamsat?project=7&sslmode=require")
            .unwrap();
        assert_eq!(a.project, Some(7));
        assert_eq!(a.user(), "nguyen.van.a");
        assert_eq!(a.password.as_deref(), Some("bí mật"));
        let shown = a.to_string();
        assert_eq!(
            shown,
            "postgres://nguyen.van.a@may-chu:5433/giamsat?sslmode=require&project=7"
        );
        assert!(!format!("{a:?}").contains("mật"));
        let again = Address::parse(&shown).unwrap();
        assert_eq!(again.project, Some(7));
        assert_eq!(again.options, a.options);
    }

    #[test]
    fn passwords_are_masked_in_any_message() {
        let m = redact(
            "không mở được postgres://an:b%C3%AD@may-chu/gs?project=1 — và postgres://h/d?password=x&project=2.",
        );
        assert_eq!(
            m,
            "không mở được postgres://an:***@may-chu/gs?project=1 — và postgres://h/d?password=***&project=2."
        );
        let a = Address::parse("postgres://an@h/d?password=b%C3%AD&project=3").unwrap();
        assert_eq!(a.password.as_deref(), Some("bí"));
        assert_eq!(a.to_string(), "postgres://an@h/d?project=3");
        let e = Address::parse("postgres://an:50%off!@h/d").unwrap_err();
        assert!(!e.contains("off"), "{e}");
    }

    #[test]
    fn says_what_is_wrong() {
        let e = Address::parse("postgres://u:secret@host").unwrap_err();
        assert!(e.contains("thiếu tên cơ sở dữ liệu"), "{e}");
        assert!(!e.contains("secret"), "{e}");
        let e = Address::parse("postgres://host:99999/db").unwrap_err();
        assert!(e.contains("cổng “99999”"), "{e}");
        let e = Address::parse("postgres://host/db?project=abc").unwrap_err();
        assert!(e.contains("project=abc"), "{e}");
        assert!(Address::parse("du-an.giamsat").is_err());
        assert!(is_address("PostgreSQL://h/d"));
        assert!(!is_address("C:\\du an\\postgres.giamsat"));
    }
}
