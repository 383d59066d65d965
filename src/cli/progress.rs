//! Signs of life for long command-line work: once a command has run for a second, a spinner on
//! the terminal says what it is doing and for how long; nothing at all when the messages go to
//! a pipe or a file (scripts, logs, tests).

use super::commands::{Command, ServerCommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::time::Duration;

/// How long work goes on before the spinner shows.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// A spinner for one command, cleared when the command ends.
pub(super) struct Working {
    bar: Option<ProgressBar>,
}

impl Working {
    /// Starts the spinner for `what` ("đang nhập báo cáo"), shown after a second when both
    /// the output and the messages go to a terminal (never drawn over output in a pager).
    pub(super) fn start(what: &str) -> Working {
        Self::start_on(
            what,
            std::io::stderr().is_terminal() && std::io::stdout().is_terminal(),
        )
    }

    /// `out` with the spinner cleared while each piece of output is written, and drawn again
    /// after it: output never lands on the spinner's line.
    pub(super) fn around<'a>(&self, out: &'a mut dyn Write) -> Around<'a> {
        Around {
            out,
            bar: self.bar.clone(),
        }
    }

    /// Clears the spinner for good (before a last message).
    pub(super) fn done(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    fn start_on(what: &str, terminal: bool) -> Working {
        if !terminal {
            return Working { bar: None };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(what.to_string());
        let shown = bar.clone();
        let spawned = std::thread::Builder::new()
            .name("giamsat-progress".into())
            .spawn(move || {
                std::thread::sleep(QUIET_FOR);
                if !shown.is_finished() {
                    shown.set_draw_target(ProgressDrawTarget::stderr());
                    shown.enable_steady_tick(Duration::from_millis(120));
                }
            });
        Working {
            bar: spawned.is_ok().then_some(bar),
        }
    }
}

impl Drop for Working {
    fn drop(&mut self) {
        self.done();
    }
}

/// Output written around a spinner (see [`Working::around`]).
pub(super) struct Around<'a> {
    out: &'a mut dyn Write,
    bar: Option<ProgressBar>,
}

impl Write for Around<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let out = &mut self.out;
        match &self.bar {
            Some(bar) => bar.suspend(|| out.write(buf)),
            None => out.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let out = &mut self.out;
        match &self.bar {
            Some(bar) => bar.suspend(|| out.flush()),
            None => out.flush(),
        }
    }
}

/// What a command is doing, for the spinner long work shows on a terminal.
pub(super) fn label(command: &Command) -> Option<&'static str> {
    Some(match command {
        Command::Server(ServerCommand::Watch { .. }) | Command::Server(ServerCommand::User(_)) => {
            return None;
        }
        Command::Server(_) => "đang làm việc với máy chủ",
        Command::Import { .. } => "đang nhập tệp JSON",
        Command::ImportTable { .. } => "đang nhập báo cáo",
        Command::Export { .. } | Command::ExportTable { .. } => "đang xuất",
        Command::Print { .. } | Command::Issue { .. } | Command::Chart { .. } => {
            "đang dựng văn bản"
        }
        Command::Guide { .. } => "đang dựng hướng dẫn",
        _ => "đang đọc dự án",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_shows_when_the_messages_do_not_go_to_a_terminal() {
        assert!(Working::start_on("đang nhập", false).bar.is_none());
        let w = Working::start_on("đang nhập", true);
        assert!(w.bar.is_some());
        drop(w);
    }
}
