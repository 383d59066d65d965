//! The command line: `giamsat [FILE]` starts the desktop app; subcommands work on project files
//! without a window. Exit status 0 on success, 1 on bad input or a refused file, 2 on bad usage.

mod areas;
mod attach;
mod check;
mod commands;
mod explain;
mod follow_up;
mod guide;
mod issue;
mod open;
mod progress;
mod recommendations;
mod server;
mod summary;

use crate::analysis::{self, AllocationFilter};
use crate::exchange;
use crate::model::MoneyUnit;
use crate::store::ProjectFile;
use areas::{import_successions, list_areas};
use attach::{attach, attachments};
use check::check;
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, ValueEnum};
use commands::Command;
pub use follow_up::FOLLOW_UP_CSV_HEADER;
use follow_up::{follow_up_csv, follow_up_json, follow_up_table};
pub use recommendations::RECOMMENDATIONS_CSV_HEADER;
use recommendations::{recommendations_csv, recommendations_table};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
pub use summary::{SUMMARY_CSV_HEADER, format_sum_vi};
use summary::{summary_csv, summary_json, summary_table};

/// What `giamsat` was asked to do when it is not a subcommand: open the window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuiArgs {
    pub file: Option<PathBuf>,
    /// The screen to open on: data, charts, drafting, follow-up or print.
    pub view: Option<String>,
    pub lang: Option<crate::i18n::Lang>,
    /// A district's report to open the import wizard on.
    pub import: Option<PathBuf>,
    /// A project on a team server to open instead of a file (`postgres://…?project=ID`).
    pub server: Option<String>,
    /// Offer to check `file` (a pulled copy) back in to its server once it is open.
    pub check_in: bool,
    /// Open the user guide at the start (a Start-menu shortcut does).
    pub guide: bool,
}

/// The result of running the command line.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A subcommand ran; exit with this status.
    Exit(u8),
    /// No subcommand: start the desktop app.
    Gui(GuiArgs),
}

pub const EXIT_OK: u8 = 0;
pub const EXIT_BAD_INPUT: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "giamsat",
    version = crate::VERSION_DETAIL,
    about = "GiamSat — giám sát việc thực hiện chương trình, dự án của Ủy ban MTTQ Việt Nam.\n\
             Không có lệnh: mở cửa sổ ứng dụng (với TỆP nếu có, nếu không thì với hồ sơ mẫu).",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Tệp dự án (.giamsat) cần mở trong cửa sổ ứng dụng
    #[arg(value_name = "TỆP")]
    file: Option<PathBuf>,

    /// Màn hình mở đầu: data (số liệu), charts (biểu đồ), drafting (kết luận, kiến nghị),
    /// follow-up (theo dõi kiến nghị), print (in văn bản); hoặc một phần của màn hình số liệu:
    /// general, programs, areas, allocations, indicators, round
    #[arg(long, value_name = "MÀN_HÌNH", value_parser = ["data", "charts", "drafting", "follow-up", "print", "general", "programs", "areas", "allocations", "indicators", "round"], hide_possible_values = true)]
    view: Option<String>,

    /// Ngôn ngữ giao diện cho lần chạy này: vi (tiếng Việt) hoặc en (tiếng Anh)
    #[arg(long, value_enum, value_name = "NGÔN_NGỮ", hide_possible_values = true)]
    lang: Option<LangArg>,

    /// Mở cửa sổ nhập số liệu với báo cáo này (.xlsx, .xls, .ods, .csv) của huyện, xã
    #[arg(long, value_name = "BÁO_CÁO")]
    import: Option<PathBuf>,

    /// Mở TỆP (bản sao lấy từ máy chủ) và hỏi đưa nó trở lại máy chủ
    #[arg(long, requires = "file")]
    check_in: bool,

    /// Mở cửa sổ với hướng dẫn sử dụng
    #[arg(long)]
    guide: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum UnitArg {
    Dong,
    Nghin,
    Trieu,
}

impl From<UnitArg> for MoneyUnit {
    fn from(u: UnitArg) -> MoneyUnit {
        match u {
            UnitArg::Dong => MoneyUnit::Dong,
            UnitArg::Nghin => MoneyUnit::Nghin,
            UnitArg::Trieu => MoneyUnit::Trieu,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Table,
    Csv,
    Json,
}

pub use crate::command_words::COMMAND_WORDS;

const TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// Puts clap's own words (headings, help and version flags) into Vietnamese.
fn localize(cmd: clap::Command) -> clap::Command {
    let is_root = cmd.get_name() == "giamsat";
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .mut_args(|a| {
            if a.is_positional() {
                a.help_heading("Tham số")
            } else {
                a.help_heading("Tùy chọn")
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In hướng dẫn này")
                .help_heading("Tùy chọn"),
        );
    if !is_root {
        // clap writes "[OPTIONS]" into usage lines; say it in Vietnamese.
        let usage = cmd.clone().render_usage().to_string();
        let usage = usage
            .trim_start_matches("Usage:")
            .trim()
            .replace("[OPTIONS]", "[TÙY CHỌN]");
        cmd = cmd.override_usage(format!("giamsat {usage}"));
    }
    if is_root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In số phiên bản")
                .help_heading("Tùy chọn"),
        );
    }
    cmd.mut_subcommands(localize)
}

fn command() -> clap::Command {
    localize(Cli::command()).override_usage("giamsat [TỆP]\n           giamsat <LỆNH> [THAM SỐ]")
}

fn usage_error_vi(kind: clap::error::ErrorKind) -> &'static str {
    use clap::error::ErrorKind::*;
    match kind {
        InvalidValue => "giá trị không hợp lệ",
        UnknownArgument => "tham số không được biết",
        InvalidSubcommand => "lệnh không được biết",
        MissingRequiredArgument => "thiếu tham số bắt buộc",
        ArgumentConflict => "các tham số không dùng cùng nhau được",
        TooManyValues | WrongNumberOfValues => "số giá trị không đúng",
        _ => "cách gọi lệnh không đúng",
    }
}

/// Runs the command line. Output goes to `out`, messages to `err`.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Outcome {
    let matches = match command().try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind::{DisplayHelp, DisplayVersion};
            if matches!(e.kind(), DisplayHelp | DisplayVersion) {
                let _ = write!(out, "{}", e.render());
                return Outcome::Exit(EXIT_OK);
            }
            let _ = writeln!(err, "Lỗi: {}.", usage_error_vi(e.kind()));
            let _ = write!(err, "{}", e.render());
            let _ = writeln!(err, "Gõ “giamsat --help” để xem hướng dẫn.");
            return Outcome::Exit(EXIT_USAGE);
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = write!(err, "{}", e.render());
            return Outcome::Exit(EXIT_USAGE);
        }
    };
    let Some(command) = cli.command else {
        // `giamsat ADDRESS` opens the project on the server, as File → Open from server does.
        let (file, server) = match cli.file {
            Some(f) if crate::store::server::is_address(&f.to_string_lossy()) => {
                (None, Some(f.to_string_lossy().into_owned()))
            }
            f => (f, None),
        };
        return Outcome::Gui(GuiArgs {
            file,
            server,
            view: cli.view,
            lang: cli.lang.map(|l| match l {
                LangArg::Vi => crate::i18n::Lang::Vi,
                LangArg::En => crate::i18n::Lang::En,
            }),
            import: cli.import,
            check_in: cli.check_in,
            guide: cli.guide,
        });
    };
    // A sign of life on a terminal for work that lasts (never for `server watch`, which
    // prints as it goes, nor for what reads a password).
    let mut working = progress::label(&command).map(progress::Working::start);
    let result = match &working {
        Some(w) => execute(command, &mut w.around(out)),
        None => execute(command, out),
    };
    if let Some(w) = working.as_mut() {
        w.done();
    }
    match result {
        Ok(()) => Outcome::Exit(EXIT_OK),
        Err(message) => {
            // A server address typed with its password never shows it back.
            let message = crate::store::server::redact(&message);
            let _ = writeln!(err, "Lỗi: {message}");
            Outcome::Exit(EXIT_BAD_INPUT)
        }
    }
}

/// Writing to a closed pipe (`giamsat summary … | head`) is not an error worth a message.
fn io(e: std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        String::new()
    } else {
        format!("không ghi được kết quả: {e}")
    }
}

use open::open_read_only;

/// A command that changes its project, what its change is called, and its project's place.
fn changing(command: &mut Command) -> Option<(&'static str, &mut PathBuf)> {
    match command {
        Command::Issue { file, .. } => Some(("ban hành văn bản (dòng lệnh)", file)),
        Command::Unlock { file, .. } => Some(("mở khóa đợt giám sát (dòng lệnh)", file)),
        Command::Attach { file, .. } => Some(("đính kèm tệp minh chứng (dòng lệnh)", file)),
        Command::Areas {
            file,
            successions: Some(_),
            ..
        } => Some(("nhập bảng kế thừa địa bàn (dòng lệnh)", file)),
        Command::ImportTable { file, .. } => Some(("nhập số liệu từ bảng (dòng lệnh)", file)),
        _ => None,
    }
}

fn execute(mut command: Command, out: &mut dyn Write) -> Result<(), String> {
    if let Some((label, file)) = changing(&mut command)
        && let Some(text) = file
            .to_str()
            .filter(|t| crate::store::server::is_address(t))
    {
        let text = text.to_string();
        return open::on_server_copy(&text, label, out, move |copy, out| {
            if let Some((_, file)) = changing(&mut command) {
                *file = copy.to_path_buf();
            }
            execute(command, out)
        });
    }
    match command {
        Command::Guide { pdf, lang } => guide::run(pdf.as_deref(), &lang, out),
        Command::Sample { out: path } => {
            ProjectFile::create(&path, &crate::sample::lang_son())
                .map_err(|e| format!("{e} — {}", path.display()))?;
            writeln!(out, "Đã ghi hồ sơ mẫu Lạng Sơn vào {}", path.display()).map_err(io)
        }
        Command::New {
            out: path,
            name,
            province,
        } => {
            let d = crate::model::Dossier::new_project(&name, province.as_deref());
            ProjectFile::create(&path, &d).map_err(|e| format!("{e} — {}", path.display()))?;
            let place = d
                .province()
                .map(|p| format!(", {}", p.full_name_vi()))
                .unwrap_or_default();
            writeln!(
                out,
                "Đã tạo dự án “{}”{place} trong {}",
                d.info.name,
                path.display()
            )
            .map_err(io)
        }
        Command::Check { file } => check(&file, out),
        Command::Summary {
            file,
            unit,
            format,
            areas,
        } => {
            let (_, d) = open_read_only(&file)?;
            let filter = AllocationFilter {
                basis: analysis::AreaBasis::from_code(&areas).unwrap_or_default(),
                ..Default::default()
            };
            let summary =
                analysis::summary(&d, &filter).map_err(|e| format!("{e} — {}", file.display()))?;
            let text = match format {
                FormatArg::Table => summary_table(&d, &summary, unit.into()),
                FormatArg::Csv => summary_csv(&d, &summary),
                FormatArg::Json => summary_json(&d, &summary),
            };
            // The process ends with this command: a province's million figures need not be
            // freed one by one first.
            std::mem::forget(summary);
            std::mem::forget(d);
            out.write_all(text.as_bytes()).map_err(io)
        }
        Command::Explain {
            file,
            area,
            year,
            kind,
            project,
            round,
            unit,
            format,
        } => {
            if matches!(format, FormatArg::Csv) {
                return Err(
                    "--format csv: giamsat explain in ra table (để đọc) hoặc json; dùng giamsat summary --format csv cho bảng tổng hợp"
                        .into(),
                );
            }
            let (_, d) = open_read_only(&file)?;
            let at = |e: String| format!("{e} — {}", file.display());
            let asked = explain::Asked {
                area: area.as_deref(),
                year: year.as_deref(),
                kind: &kind,
                project: project.as_deref(),
                round,
            };
            let text = explain::explain(&d, &asked, unit.into(), matches!(format, FormatArg::Json))
                .map_err(at)?;
            out.write_all(text.as_bytes()).map_err(io)
        }
        Command::Chart {
            file,
            by,
            unit,
            kind,
            order,
            top,
            areas,
            lang,
            svg,
            png,
            table,
        } => {
            let (_, d) = open_read_only(&file)?;
            let lang = match lang {
                Some(LangArg::En) => crate::i18n::Lang::En,
                _ => crate::i18n::Lang::Vi,
            };
            let spec = crate::charts::ChartSpec {
                kind: crate::charts::ChartKind::from_code(&by).unwrap_or_default(),
                money_kind: crate::model::AllocationKind::from_code(&kind)
                    .unwrap_or(crate::model::AllocationKind::Allocated),
                unit: unit.into(),
                filter: AllocationFilter {
                    basis: analysis::AreaBasis::from_code(&areas).unwrap_or_default(),
                    ..Default::default()
                },
                order: crate::charts::AreaOrder::from_code(&order).unwrap_or_default(),
                limit: top.map(usize::from),
                ..Default::default()
            };
            let chart = crate::charts::build(&d, &spec, lang)
                .map_err(|e| format!("{e} — {}", file.display()))?;
            let text = crate::charts::svg::render(&chart, lang);
            if let Some(path) = svg {
                crate::fsutil::write_atomically(&path, text.as_bytes())
                    .map_err(|e| format!("không ghi được tệp SVG ({e}) — {}", path.display()))?;
                writeln!(out, "Đã ghi biểu đồ SVG vào {}", path.display()).map_err(io)?;
            }
            if let Some(path) = table {
                let csv = crate::charts::table::chart_table(&chart, lang)
                    .to_csv(crate::charts::table::RowOrder::AsDrawn, lang);
                // With a byte-order mark, so Excel reads the Vietnamese letters as UTF-8.
                let bytes = [b"\xEF\xBB\xBF".as_slice(), csv.as_bytes()].concat();
                crate::fsutil::write_atomically(&path, &bytes)
                    .map_err(|e| format!("không ghi được tệp CSV ({e}) — {}", path.display()))?;
                writeln!(out, "Đã ghi bảng số liệu CSV vào {}", path.display()).map_err(io)?;
            }
            if let Some(path) = png {
                let bytes = crate::charts::svg::to_png(&text, 1.5)
                    .map_err(|e| format!("{e} — {}", path.display()))?;
                crate::fsutil::write_atomically(&path, &bytes)
                    .map_err(|e| format!("không ghi được tệp PNG ({e}) — {}", path.display()))?;
                writeln!(out, "Đã ghi biểu đồ PNG vào {}", path.display()).map_err(io)?;
            }
            Ok(())
        }
        Command::Print {
            file,
            doc,
            pdf,
            docx,
            unit,
            round,
            current,
        } => {
            let (_, d) = open_read_only(&file)?;
            let kind =
                crate::model::DocKind::from_code(&doc).unwrap_or(crate::model::DocKind::ThongBao);
            // Refuse before anything is written, not halfway through.
            if docx.is_some() && !kind.has_docx() {
                return Err(format!(
                    "--docx: chỉ thông báo (thong-bao) và báo cáo (bao-cao) có bản Word, không có cho “{doc}”"
                ));
            }
            let round_id = match round {
                // "Đợt 1": the earliest round.
                None => crate::analysis::round_numbered(&d, 1),
                Some(n) => Some(crate::analysis::round_numbered(&d, n).ok_or_else(|| {
                    format!(
                        "--round {n}: tệp chỉ có {} đợt giám sát — {}",
                        d.rounds.len(),
                        file.display()
                    )
                })?),
            };
            let today = chrono::Local::now().date_naive();
            // An issued round's document is its stored copy, byte for byte, unless --current.
            let issued = round_id
                .and_then(|r| d.issued_copy(r, kind))
                .filter(|_| !current)
                .map(|x| (x.date, x.number_text(crate::i18n::Lang::Vi), x.altered()));
            let built = crate::print::printable(&d, round_id, kind, unit.into(), today, current)
                .map_err(|e| format!("{e} — {}", file.display()))?;
            if let Some(path) = pdf {
                let bytes = built
                    .pdf()
                    .map_err(|e| format!("{e} — {}", file.display()))?;
                crate::fsutil::write_atomically(&path, &bytes)
                    .map_err(|e| format!("không ghi được tệp PDF ({e}) — {}", path.display()))?;
                writeln!(
                    out,
                    "Đã ghi {} vào {}",
                    kind.title().to_lowercase(),
                    path.display()
                )
                .map_err(io)?;
            }
            if let Some(path) = docx {
                let bytes = built
                    .docx()
                    .map_err(|e| format!("{e} — {}", path.display()))?;
                crate::fsutil::write_atomically(&path, &bytes)
                    .map_err(|e| format!("không ghi được tệp Word ({e}) — {}", path.display()))?;
                writeln!(out, "Đã ghi bản Word vào {}", path.display()).map_err(io)?;
            }
            match issued {
                Some((date, number, altered)) => {
                    writeln!(
                        out,
                        "Đây là bản đã ban hành ngày {}, {number} (lưu trong tệp dự án).",
                        date.format("%d/%m/%Y")
                    )
                    .map_err(io)?;
                    if altered {
                        writeln!(
                            out,
                            "Cảnh báo: bản lưu này không khớp mã SHA-256 ghi lúc ban hành (đã bị thay đổi ngoài GiamSat hoặc hỏng)."
                        )
                        .map_err(io)?;
                    }
                    Ok(())
                }
                None if current && round_id.and_then(|r| d.issued_copy(r, kind)).is_some() => {
                    writeln!(
                        out,
                        "Bản dựng lại theo số liệu hiện nay: không phải bản đã ban hành."
                    )
                    .map_err(io)
                }
                None => Ok(()),
            }
        }
        Command::Issue {
            file,
            round,
            number,
            date,
            signer,
            docs,
            unit,
            by,
            despite_check,
        } => issue::issue(
            &file,
            issue::IssueArgs {
                round,
                number,
                date,
                signer,
                docs,
                unit: unit.into(),
                by,
                despite_check,
            },
            out,
        ),
        Command::CheckText {
            file,
            round,
            format,
        } => issue::check_text(&file, round, format == "json", out),
        Command::Unlock {
            file,
            round,
            reason,
            by,
        } => issue::unlock(&file, round, &reason, by, out),
        Command::Recommendations { file, format } => {
            let (_, d) = open_read_only(&file)?;
            let text = if format == "csv" {
                recommendations_csv(&d)
            } else {
                recommendations_table(&d)
            };
            out.write_all(text.as_bytes()).map_err(io)
        }
        Command::FollowUp { file, by, format } => {
            let (_, d) = open_read_only(&file)?;
            let by = crate::follow_up::Grouping::ALL
                .into_iter()
                .find(|g| g.code() == by)
                .unwrap_or_default();
            let today = chrono::Local::now().date_naive();
            let (rows, total) = crate::follow_up::rates(
                &d,
                by,
                &crate::follow_up::RateScope::default(),
                today,
                crate::i18n::Lang::Vi,
            );
            let text = match format.as_str() {
                "csv" => follow_up_csv(&rows),
                "json" => follow_up_json(by, today, &rows, &total),
                _ => follow_up_table(&d, by, today, &rows, &total),
            };
            out.write_all(text.as_bytes()).map_err(io)
        }
        Command::Search {
            file,
            text,
            with_marks,
        } => {
            let (_, d) = open_read_only(&file)?;
            let hits = analysis::search(&d, &text, !with_marks, crate::i18n::Lang::Vi);
            let mut s = String::new();
            for h in &hits {
                s.push_str(&format!("{}: {}\n", h.place, h.text.replace('\n', " ")));
            }
            if hits.is_empty() {
                s.push_str(&format!("Không tìm thấy “{text}”.\n"));
            }
            out.write_all(s.as_bytes()).map_err(io)
        }
        Command::Export { file, json } => {
            let (project, d) = open_read_only(&file)?;
            if json.as_os_str() == "-" {
                exchange::write_json(&d, out, &project).map_err(io)
            } else {
                crate::fsutil::write_atomically_with(&json, |w| {
                    exchange::write_json(&d, w, &project)
                })
                .map_err(|e| format!("không ghi được tệp JSON ({e}) — {}", json.display()))
            }
        }
        Command::Attach {
            file,
            recommendation,
            path,
            response,
            event,
            received,
            dated,
            note,
            by,
        } => attach(
            &file,
            &path,
            AttachArgs {
                recommendation,
                response,
                event,
                received,
                dated,
                note,
                by,
            },
            out,
        ),
        Command::Areas {
            file,
            successions,
            sheet,
            dry_run,
        } => match successions {
            Some(table) => import_successions(&file, &table, sheet.as_deref(), dry_run, out),
            None => list_areas(&file, out),
        },
        Command::Attachments { file, extract } => attachments(&file, extract.as_deref(), out),
        Command::Server(cmd) => server::server(cmd, out),
        Command::ImportTable {
            file,
            report,
            project,
            parent,
            sheet,
            template,
            save_template,
            unit,
            round,
            dry_run,
            format,
        } => crate::import::command::run(
            &crate::import::command::Args {
                project_file: file,
                report,
                project,
                parent,
                sheet,
                template,
                save_template,
                unit: unit.map(Into::into),
                round,
                dry_run,
                json: format == "json",
            },
            out,
        ),
        Command::ExportTable { file, xlsx, unit } => {
            let (_, d) = open_read_only(&file)?;
            let bytes = crate::spreadsheet::export(&d, unit.into())
                .map_err(|e| format!("{e} — {}", xlsx.display()))?;
            crate::fsutil::write_atomically(&xlsx, &bytes)
                .map_err(|e| format!("không ghi được tệp Excel ({e}) — {}", xlsx.display()))?;
            writeln!(out, "Đã ghi các bảng số liệu vào {}", xlsx.display()).map_err(io)
        }
        Command::ReportForm {
            file,
            parent,
            project,
            year,
            xlsx,
            unit,
        } => {
            let (_, d) = open_read_only(&file)?;
            let project = crate::import::command::find_project(&d, &project)?.id;
            let parent_id = crate::import::command::find_existing_area(&d, &parent)?;
            let bytes = crate::spreadsheet::report_form(&d, parent_id, project, year, unit.into())
                .map_err(|e| format!("{e} — {}", xlsx.display()))?;
            crate::fsutil::write_atomically(&xlsx, &bytes)
                .map_err(|e| format!("không ghi được tệp Excel ({e}) — {}", xlsx.display()))?;
            writeln!(out, "Đã ghi biểu mẫu vào {}", xlsx.display()).map_err(io)
        }
        Command::Import { json, out: path } => {
            // Read as it streams: attached files' bytes go to files of their own, not memory.
            // The attached files' bytes wait beside the project being written, on its disk.
            let stage_in = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => std::path::PathBuf::from("."),
            };
            let read = if json.as_os_str() == "-" {
                exchange::read_json_in(std::io::stdin().lock(), Some(&stage_in))
            } else {
                exchange::read_json_file(&json, &stage_in)
            };
            let (d, content) =
                read.map_err(|e| format!("tệp JSON không hợp lệ {e} — {}", json.display()))?;
            ProjectFile::create_with_content(&path, &d, &content)
                .map_err(|e| format!("{e} — {}", path.display()))?;
            writeln!(out, "Đã nhập “{}” vào {}", d.info.name, path.display()).map_err(io)
        }
    }
}

struct AttachArgs {
    recommendation: i64,
    response: Option<i64>,
    event: Option<i64>,
    received: Option<String>,
    dated: Option<String>,
    note: String,
    by: Option<String>,
}

fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// giamsat.com decides "command or window" from this list: it must name every subcommand
    /// the parser knows, and nothing that would open the window.
    #[test]
    fn the_command_words_are_the_parsers_subcommands() {
        let mut parser: Vec<String> = command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .chain(["help", "-h", "--help", "-V", "--version"].map(String::from))
            .collect();
        parser.sort();
        parser.dedup();
        let mut ours: Vec<String> = COMMAND_WORDS.iter().map(|w| w.to_string()).collect();
        ours.sort();
        assert_eq!(ours, parser);
        // And `giamsat --version` really is a command (prints, exits).
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let outcome = run(
            ["giamsat", "--version"].map(OsString::from),
            &mut out,
            &mut err,
        );
        assert!(matches!(outcome, Outcome::Exit(EXIT_OK)), "{outcome:?}");
    }
}
