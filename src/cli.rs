//! The command line: `giamsat [FILE]` starts the desktop app; subcommands work on project files
//! without a window. Exit status 0 on success, 1 on bad input or a refused file, 2 on bad usage.

use crate::analysis::{self, AllocationFilter, SummaryRow};
use crate::exchange;
use crate::model::number::{NumberStyle, format_money};
use crate::model::{AmountSum, Dossier, MoneyUnit};
use crate::store::{Access, ProjectFile, SCHEMA_VERSION};
use chrono::Timelike;
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// What `giamsat` was asked to do when it is not a subcommand: open the window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuiArgs {
    pub file: Option<PathBuf>,
    /// The screen to open on: data, charts, drafting, follow-up or print.
    pub view: Option<String>,
    pub lang: Option<crate::i18n::Lang>,
    /// A district's report to open the import wizard on.
    pub import: Option<PathBuf>,
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

#[derive(Subcommand, Debug)]
enum Command {
    /// Ghi hồ sơ mẫu Lạng Sơn (Dự án 7 tại Hữu Lũng và Chi Lăng, 2023) ra một tệp mới
    Sample {
        /// Tệp dự án sẽ tạo (chưa tồn tại)
        #[arg(value_name = "TỆP_RA")]
        out: PathBuf,
    },
    /// Tạo một dự án trống (có sẵn danh mục 7 dự án của Chương trình giảm nghèo bền vững)
    New {
        /// Tệp dự án sẽ tạo (chưa tồn tại)
        #[arg(value_name = "TỆP_RA")]
        out: PathBuf,
        /// Tên hồ sơ giám sát
        #[arg(long, value_name = "TÊN")]
        name: String,
    },
    /// Kiểm tra một tệp dự án: phiên bản lược đồ, số bản ghi mỗi loại, tính toàn vẹn
    Check {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
    },
    /// Tổng hợp vốn theo địa bàn × dự án × loại vốn × kỳ
    Summary {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Đơn vị tiền của bảng: dong, nghin (nghìn đồng) hoặc trieu (triệu đồng, mặc định)
        #[arg(long, value_enum, default_value_t = UnitArg::Trieu, hide_possible_values = true, hide_default_value = true, value_name = "ĐƠN_VỊ")]
        unit: UnitArg,
        /// Dạng kết quả: table (bảng để đọc, mặc định), csv hoặc json (cho máy)
        #[arg(long, value_enum, default_value_t = FormatArg::Table, hide_possible_values = true, hide_default_value = true, value_name = "DẠNG")]
        format: FormatArg,
        /// Đơn vị của số liệu qua lần sắp xếp đơn vị hành chính: as-reported (như báo cáo, đơn vị
        /// thời đó; mặc định), today (theo đơn vị hiện nay), former-district (gộp theo huyện cũ).
        /// Số liệu không bao giờ bị chia nhỏ giữa các đơn vị mới
        #[arg(long, value_name = "CÁCH", default_value = "as-reported", hide_default_value = true, value_parser = ["as-reported", "today", "former-district"], hide_possible_values = true)]
        areas: String,
    },
    /// Vẽ biểu đồ vốn ra tệp SVG và/hoặc PNG (để dán vào Word)
    Chart {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Cách nhóm: area-year (địa bàn × năm, mặc định), year-area (năm × địa bàn), kind (theo loại
        /// vốn), project (theo dự án), totals (tổng theo năm), rate (tỷ lệ giải ngân), indicator (chỉ tiêu),
        /// rounds (so sánh số liệu báo cáo ở các đợt giám sát)
        #[arg(long, value_name = "CÁCH", default_value = "area-year", hide_default_value = true, value_parser = ["area-year", "year-area", "kind", "project", "totals", "rate", "indicator", "rounds"], hide_possible_values = true)]
        by: String,
        /// Đơn vị tiền: dong, nghin hoặc trieu (mặc định)
        #[arg(long, value_enum, default_value_t = UnitArg::Trieu, hide_possible_values = true, hide_default_value = true, value_name = "ĐƠN_VỊ")]
        unit: UnitArg,
        /// Loại vốn cho các cách nhóm một loại: allocated (phân bổ, mặc định), carried_over (năm trước
        /// chuyển sang), disbursed (giải ngân)
        #[arg(long, value_name = "LOẠI", default_value = "allocated", hide_default_value = true, value_parser = ["allocated", "carried_over", "disbursed"], hide_possible_values = true)]
        kind: String,
        /// Thứ tự địa bàn: listed (theo danh sách, mặc định), largest (từ cao đến thấp), smallest
        /// (từ thấp đến cao); địa bàn chưa có số liệu nào luôn xếp cuối
        #[arg(long, value_name = "THỨ_TỰ", default_value = "listed", hide_default_value = true, value_parser = ["listed", "largest", "smallest"], hide_possible_values = true)]
        order: String,
        /// Chỉ vẽ N địa bàn đầu theo thứ tự (ví dụ --order largest --top 10)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        top: Option<u16>,
        /// Đơn vị của số liệu qua lần sắp xếp đơn vị hành chính: as-reported (như báo cáo, đơn vị
        /// thời đó; mặc định), today (theo đơn vị hiện nay), former-district (gộp theo huyện cũ).
        /// Số liệu không bao giờ bị chia nhỏ giữa các đơn vị mới
        #[arg(long, value_name = "CÁCH", default_value = "as-reported", hide_default_value = true, value_parser = ["as-reported", "today", "former-district"], hide_possible_values = true)]
        areas: String,
        /// Ngôn ngữ chữ trên biểu đồ: vi (mặc định) hoặc en
        #[arg(long, value_enum, value_name = "NGÔN_NGỮ", hide_possible_values = true)]
        lang: Option<LangArg>,
        /// Tệp SVG sẽ ghi
        #[arg(long, value_name = "TỆP_SVG", required_unless_present_any = ["png", "table"])]
        svg: Option<PathBuf>,
        /// Tệp PNG sẽ ghi (rộng 1800 điểm ảnh)
        #[arg(long, value_name = "TỆP_PNG")]
        png: Option<PathBuf>,
        /// Tệp CSV sẽ ghi: số liệu của biểu đồ dạng bảng (hàng × cột, có dòng và cột tổng khi
        /// cộng được)
        #[arg(long, value_name = "TỆP_CSV")]
        table: Option<PathBuf>,
    },
    /// In văn bản ra PDF (và Word cho thông báo, báo cáo)
    Print {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Văn bản: thong-bao (thông báo kết luận), bao-cao (báo cáo kết quả), ket-qua-theo-doi
        /// (báo cáo kết quả theo dõi thực hiện kiến nghị), tom-tat (tóm tắt số liệu), theo-doi
        /// (danh sách theo dõi kiến nghị)
        #[arg(long, value_name = "VĂN_BẢN", value_parser = ["thong-bao", "bao-cao", "ket-qua-theo-doi", "tom-tat", "theo-doi"], hide_possible_values = true)]
        doc: String,
        /// Tệp PDF sẽ ghi
        #[arg(long, value_name = "TỆP_PDF", required_unless_present = "docx")]
        pdf: Option<PathBuf>,
        /// Tệp Word (.docx) sẽ ghi (thong-bao, bao-cao và ket-qua-theo-doi)
        #[arg(long, value_name = "TỆP_DOCX")]
        docx: Option<PathBuf>,
        /// Đơn vị tiền: dong, nghin hoặc trieu (mặc định)
        #[arg(long, value_enum, default_value_t = UnitArg::Trieu, hide_possible_values = true, hide_default_value = true, value_name = "ĐƠN_VỊ")]
        unit: UnitArg,
        /// Đợt giám sát thứ mấy, theo thời gian (như nhãn “Đợt 1”, “Đợt 2” trong ứng dụng; mặc định 1)
        #[arg(long, value_name = "SỐ", value_parser = clap::value_parser!(u32).range(1..))]
        round: Option<u32>,
    },
    /// Danh sách kiến nghị và việc thực hiện
    Recommendations {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Dạng kết quả: table (bảng để đọc, mặc định) hoặc csv (cho máy)
        #[arg(long, value_name = "DẠNG", default_value = "table", hide_default_value = true, value_parser = ["table", "csv"], hide_possible_values = true)]
        format: String,
    },
    /// Tỷ lệ thực hiện kiến nghị theo cơ quan, đợt, năm hoặc loại (theo số lượng và số tiền)
    #[command(name = "follow-up")]
    FollowUp {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Nhóm theo: addressee (cơ quan được kiến nghị, mặc định), round (đợt giám sát), year
        /// (năm ban hành), kind (loại kiến nghị)
        #[arg(long, value_name = "CÁCH", default_value = "addressee", hide_default_value = true, value_parser = ["addressee", "round", "year", "kind"], hide_possible_values = true)]
        by: String,
        /// Dạng kết quả: table (bảng để đọc, mặc định), csv hoặc json (cho máy). Trong csv,
        /// rate_count là phần trăm (dấu chấm thập phân), số tiền tính bằng đồng
        #[arg(long, value_name = "DẠNG", default_value = "table", hide_default_value = true, value_parser = ["table", "csv", "json"], hide_possible_values = true)]
        format: String,
    },
    /// Tìm trong mọi văn bản của dự án (không phân biệt hoa thường; mặc định không phân biệt dấu)
    Search {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Chữ cần tìm, ví dụ "huu lung"
        #[arg(value_name = "CHỮ")]
        text: String,
        /// Phân biệt dấu: "Hữu Lũng" không khớp "huu lung"
        #[arg(long)]
        with_marks: bool,
    },
    /// Xuất toàn bộ dự án ra JSON (để trao đổi, lưu phiên bản)
    Export {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Tệp JSON sẽ ghi, hoặc - để in ra màn hình
        #[arg(long, value_name = "TỆP_JSON")]
        json: PathBuf,
    },
    /// Nhập số liệu vốn từ báo cáo Excel/CSV của huyện, xã vào tệp dự án (một thay đổi; nhập lại
    /// cùng báo cáo thì cập nhật, không thêm trùng)
    ImportTable {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Báo cáo: .xlsx, .xls, .ods hoặc .csv
        #[arg(value_name = "BÁO_CÁO")]
        report: PathBuf,
        /// Dự án của số liệu, ví dụ "Dự án 7"
        #[arg(long, value_name = "DỰ_ÁN")]
        project: String,
        /// Địa bàn cấp trên của các dòng, ví dụ "huyện Hữu Lũng" (chưa có thì tạo trong tỉnh);
        /// dòng của cơ quan huyện là số liệu của chính địa bàn này
        #[arg(long, value_name = "ĐỊA_BÀN")]
        parent: Option<String>,
        /// Trang tính cần đọc (mặc định: trang đầu tiên có bảng)
        #[arg(long, value_name = "TÊN")]
        sheet: Option<String>,
        /// Mẫu đọc cột đã lưu (JSON) để dùng lại cho báo cáo cùng mẫu
        #[arg(long, value_name = "MẪU")]
        template: Option<PathBuf>,
        /// Lưu cách đọc cột của lần này thành mẫu (JSON)
        #[arg(long, value_name = "MẪU_RA")]
        save_template: Option<PathBuf>,
        /// Đơn vị tiền khi báo cáo không ghi: dong, nghin hoặc trieu
        #[arg(long, value_enum, hide_possible_values = true, value_name = "ĐƠN_VỊ")]
        unit: Option<UnitArg>,
        /// Số liệu này báo cáo trong đợt giám sát thứ mấy, theo thời gian (như nhãn “Đợt N”); số liệu
        /// đợt khác đã báo cáo được giữ nguyên để so sánh các đợt
        #[arg(long, value_name = "SỐ", value_parser = clap::value_parser!(u32).range(1..))]
        round: Option<u32>,
        /// Chạy thử: in kế hoạch nhập, không ghi gì
        #[arg(long)]
        dry_run: bool,
        /// Dạng kết quả: table (để đọc, mặc định) hoặc json
        #[arg(long, value_name = "DẠNG", default_value = "table", hide_default_value = true, value_parser = ["table", "json"], hide_possible_values = true)]
        format: String,
    },
    /// Xuất các bảng số liệu (số liệu vốn, tổng hợp, chỉ tiêu, kiến nghị) ra tệp Excel
    ExportTable {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Tệp Excel (.xlsx) sẽ ghi
        #[arg(long, value_name = "TỆP_XLSX")]
        xlsx: PathBuf,
        /// Đơn vị tiền: dong, nghin hoặc trieu (mặc định)
        #[arg(long, value_enum, default_value_t = UnitArg::Trieu, hide_possible_values = true, hide_default_value = true, value_name = "ĐƠN_VỊ")]
        unit: UnitArg,
    },
    /// Tạo biểu mẫu Excel trống để huyện, xã điền số liệu rồi gửi lại (nhập bằng import-table)
    ReportForm {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Địa bàn gửi biểu, ví dụ "huyện Hữu Lũng" (các dòng là các địa bàn trực thuộc)
        #[arg(long, value_name = "ĐỊA_BÀN")]
        parent: String,
        /// Dự án, ví dụ "Dự án 7"
        #[arg(long, value_name = "DỰ_ÁN")]
        project: String,
        /// Năm số liệu
        #[arg(long, value_name = "NĂM", value_parser = clap::value_parser!(i32).range(1990..=2100))]
        year: i32,
        /// Tệp Excel (.xlsx) sẽ ghi
        #[arg(long, value_name = "TỆP_XLSX")]
        xlsx: PathBuf,
        /// Đơn vị tiền của biểu: dong, nghin hoặc trieu (mặc định)
        #[arg(long, value_enum, default_value_t = UnitArg::Trieu, hide_possible_values = true, hide_default_value = true, value_name = "ĐƠN_VỊ")]
        unit: UnitArg,
    },
    /// Nhập một dự án từ JSON vào một tệp dự án mới
    Import {
        /// Tệp JSON (hoặc - để đọc từ đầu vào chuẩn)
        #[arg(value_name = "TỆP_JSON")]
        json: PathBuf,
        /// Tệp dự án sẽ tạo (chưa tồn tại)
        #[arg(long, value_name = "TỆP_RA")]
        out: PathBuf,
    },
    /// Đính kèm một tệp minh chứng (PDF, ảnh, Word, Excel…, tối đa 50 MB) vào một kiến nghị;
    /// tệp được lưu ngay trong tệp dự án
    Attach {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Mã kiến nghị (cột id của `giamsat recommendations --format csv`)
        #[arg(long, value_name = "MÃ")]
        recommendation: i64,
        /// Tệp cần đính kèm
        #[arg(value_name = "TỆP_MINH_CHỨNG")]
        path: PathBuf,
        /// Gắn với phản hồi mã này của kiến nghị
        #[arg(long, value_name = "MÃ", conflicts_with = "event")]
        response: Option<i64>,
        /// Gắn với lần cập nhật trạng thái (xác minh) mã này
        #[arg(long, value_name = "MÃ")]
        event: Option<i64>,
        /// Ngày Mặt trận nhận văn bản (ngày/tháng/năm)
        #[arg(long, value_name = "NGÀY")]
        received: Option<String>,
        /// Ngày ghi trên văn bản (ngày/tháng/năm)
        #[arg(long, value_name = "NGÀY")]
        dated: Option<String>,
        /// Ghi chú
        #[arg(
            long,
            value_name = "CHỮ",
            default_value = "",
            hide_default_value = true
        )]
        note: String,
        /// Người đính kèm (mặc định: tên người dùng của máy)
        #[arg(long, value_name = "TÊN")]
        by: Option<String>,
    },
    /// Liệt kê địa bàn và đơn vị kế thừa (đơn vị cũ → đơn vị mới, ngày, văn bản); --successions
    /// nhập bảng kế thừa từ CSV/Excel (cột: tên đơn vị cũ, loại, tên đơn vị mới, loại, ngày, văn bản)
    Areas {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Bảng kế thừa cần nhập (.csv, .xlsx, .xls, .ods)
        #[arg(long, value_name = "BẢNG")]
        successions: Option<PathBuf>,
        /// Trang tính (số thứ tự từ 1 hoặc tên); mặc định trang đầu
        #[arg(long, value_name = "TRANG")]
        sheet: Option<String>,
        /// Chỉ kiểm tra và cho biết sẽ thêm gì, không ghi
        #[arg(long)]
        dry_run: bool,
    },
    /// Liệt kê các tệp minh chứng trong tệp dự án; --extract ghi bản sao (đã kiểm tra SHA-256)
    /// ra một thư mục
    Attachments {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Thư mục để ghi bản sao các tệp (tên dạng MÃ-tên gốc; không ghi đè tệp đã có)
        #[arg(long, value_name = "THƯ_MỤC")]
        extract: Option<PathBuf>,
    },
}

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
        return Outcome::Gui(GuiArgs {
            file: cli.file,
            view: cli.view,
            lang: cli.lang.map(|l| match l {
                LangArg::Vi => crate::i18n::Lang::Vi,
                LangArg::En => crate::i18n::Lang::En,
            }),
            import: cli.import,
        });
    };
    match execute(command, out) {
        Ok(()) => Outcome::Exit(EXIT_OK),
        Err(message) => {
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

fn open_read_only(file: &Path) -> Result<(ProjectFile, Dossier), String> {
    ProjectFile::open_and_load(file, Access::ReadOnly).map_err(|e| e.to_string())
}

fn execute(command: Command, out: &mut dyn Write) -> Result<(), String> {
    match command {
        Command::Sample { out: path } => {
            ProjectFile::create(&path, &crate::sample::lang_son())
                .map_err(|e| format!("{e} — {}", path.display()))?;
            writeln!(out, "Đã ghi hồ sơ mẫu Lạng Sơn vào {}", path.display()).map_err(io)
        }
        Command::New { out: path, name } => {
            let mut d = Dossier::new(&name);
            d.add_giam_ngheo_catalogue();
            d.add_default_phrases();
            ProjectFile::create(&path, &d).map_err(|e| format!("{e} — {}", path.display()))?;
            writeln!(
                out,
                "Đã tạo dự án “{}” trong {}",
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
            let groups = analysis::group_allocations(&d, &filter)
                .map_err(|e| format!("{e} — {}", file.display()))?;
            let rows = analysis::summary_rows(&d, &groups);
            let text = match format {
                FormatArg::Table => summary_table(&d, &rows, unit.into())?,
                FormatArg::Csv => summary_csv(&rows),
                FormatArg::Json => summary_json(&rows),
            };
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
            let built = crate::print::build(&d, round_id, kind, unit.into(), today)
                .map_err(|e| format!("{e} — {}", file.display()))?;
            if let Some(path) = pdf {
                let bytes = crate::print::typeset::pdf(&built)
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
                let bytes = crate::print::docx::docx(&built)
                    .map_err(|e| format!("{e} — {}", path.display()))?;
                crate::fsutil::write_atomically(&path, &bytes)
                    .map_err(|e| format!("không ghi được tệp Word ({e}) — {}", path.display()))?;
                writeln!(out, "Đã ghi bản Word vào {}", path.display()).map_err(io)?;
            }
            Ok(())
        }
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
            let text = if json.as_os_str() == "-" {
                let mut s = String::new();
                std::io::stdin()
                    .read_to_string(&mut s)
                    .map_err(|e| format!("không đọc được đầu vào chuẩn: {e}"))?;
                s
            } else {
                std::fs::read_to_string(&json)
                    .map_err(|e| format!("không đọc được tệp JSON ({e}) — {}", json.display()))?
            };
            let (d, content) = exchange::from_json_with_content(&text)
                .map_err(|e| format!("tệp JSON không hợp lệ {e} — {}", json.display()))?;
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

/// A date typed on the command line: 21/06/2023 or 2023-06-21.
fn cli_date(what: &str, s: &str) -> Result<chrono::NaiveDate, String> {
    crate::ui::fields::parse_date(s, crate::i18n::Lang::Vi.texts())
        .ok()
        .flatten()
        .ok_or_else(|| {
            format!("{what} “{s}” không hợp lệ: hãy viết ngày/tháng/năm, ví dụ 21/06/2023")
        })
}

/// The areas as a tree, each former unit followed by where it went.
fn list_areas(file: &Path, out: &mut dyn Write) -> Result<(), String> {
    use crate::model::SuccessionMap;
    let (_, d) = open_read_only(file)?;
    let map = SuccessionMap::new(&d.successions);
    let mut s = String::new();
    for (depth, a) in crate::model::area::tree_order(&d.areas) {
        let years = match (a.valid_from, a.valid_to) {
            (None, None) => String::new(),
            (f, t) => format!(
                " ({}–{})",
                f.map(|y| y.to_string()).unwrap_or_default(),
                t.map(|y| y.to_string()).unwrap_or_default()
            ),
        };
        s.push_str(&format!(
            "{:indent$}[{}] {}{years}\n",
            "",
            a.id,
            a.full_name_vi(),
            indent = depth * 2
        ));
        for x in d.successions.iter().filter(|x| x.from_area_id == a.id) {
            let to = d
                .area(x.to_area_id)
                .map(|b| b.full_name_vi())
                .unwrap_or_else(|| x.to_area_id.to_string());
            let act = if x.act.is_empty() {
                String::new()
            } else {
                format!(", {}", x.act)
            };
            s.push_str(&format!(
                "{:indent$}→ {to} (từ {}{act})\n",
                "",
                x.date.format("%d/%m/%Y"),
                indent = depth * 2 + 4
            ));
        }
        if map.is_former(a.id) {
            let now: Vec<String> = map
                .current_units(a.id)
                .iter()
                .filter_map(|id| d.area(*id))
                .map(|b| b.full_name_vi())
                .collect();
            s.push_str(&format!(
                "{:indent$}nay: {}\n",
                "",
                now.join(", "),
                indent = depth * 2 + 4
            ));
        }
    }
    out.write_all(s.as_bytes()).map_err(io)
}

/// Reads a table of "old unit → new unit" lines into the project in one change, or says every
/// row that does not read and stores nothing.
fn import_successions(
    file: &Path,
    table: &Path,
    sheet: Option<&str>,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<(), String> {
    use crate::import::successions;
    let book =
        crate::import::grid::read(table).map_err(|e| format!("{e} — {}", table.display()))?;
    let picked = match sheet {
        None => book.sheets.first(),
        Some(s) => match s.parse::<usize>() {
            Ok(n) => book.sheets.get(n.wrapping_sub(1)),
            Err(_) => book.sheets.iter().find(|x| x.name == s),
        },
    };
    let Some(picked) = picked else {
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        return Err(format!(
            "không có trang tính “{}” (có: {}) — {}",
            sheet.unwrap_or("1"),
            names.join(", "),
            table.display()
        ));
    };
    let mut session = crate::session::Session::open(file).map_err(|e| e.to_string())?;
    if session.read_only().is_some() && !dry_run {
        return Err(format!(
            "tệp dự án đang được mở để sửa ở nơi khác hoặc chỉ đọc; không nhập được — {}",
            file.display()
        ));
    }
    let d = session.dossier_arc();
    let plan = successions::plan(&d, picked, |t| session.new_id(t)).map_err(|problems| {
        let name = table.display().to_string();
        problems
            .iter()
            .map(|p| p.located(&name, crate::i18n::Lang::Vi))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let summary = format!(
        "{} dòng kế thừa mới, {} địa bàn mới, {} dòng đã có từ trước",
        plan.new_lines, plan.new_areas, plan.already_known
    );
    if dry_run || plan.edits.is_empty() {
        return writeln!(
            out,
            "{}{summary} — {}",
            if dry_run {
                "Sẽ nhập: "
            } else {
                "Không có gì mới: "
            },
            table.display()
        )
        .map_err(io);
    }
    let name = table
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    session
        .apply(crate::session::Change::new(
            crate::session::ChangeLabel::add(|t| t.what_successions, name),
            plan.edits,
        ))
        .and_then(|()| session.flush())
        .map_err(|e| format!("{} — {}", e.message(crate::i18n::Lang::Vi), file.display()))?;
    writeln!(out, "Đã nhập {summary} — {}", table.display()).map_err(io)
}

fn attach(file: &Path, path: &Path, a: AttachArgs, out: &mut dyn Write) -> Result<(), String> {
    use crate::model::{AttachmentId, EventId, RecommendationId, ResponseId};
    let shown = |p: &Path| p.display().to_string();
    let received = a
        .received
        .as_deref()
        .map(|s| cli_date("Ngày nhận", s))
        .transpose()?;
    let dated = a
        .dated
        .as_deref()
        .map(|s| cli_date("Ngày văn bản", s))
        .transpose()?;
    let mut session = crate::session::Session::open(file).map_err(|e| e.to_string())?;
    if session.read_only().is_some() {
        return Err(format!(
            "tệp dự án đang được mở để sửa ở nơi khác hoặc chỉ đọc; không đính kèm được — {}",
            shown(file)
        ));
    }
    let rec = RecommendationId(a.recommendation);
    if session.dossier().recommendation(rec).is_none() {
        return Err(format!(
            "không có kiến nghị mã {} (xem `giamsat recommendations {}`) — {}",
            a.recommendation,
            shown(file),
            shown(file)
        ));
    }
    let stage = std::env::temp_dir().join("giamsat-dinh-kem");
    let prepared = crate::store::attachments::prepare(path, &stage).map_err(|e| e.to_string())?;
    let by = a.by.unwrap_or_else(crate::settings::system_user_name);
    let mut meta = prepared.attachment(
        AttachmentId(session.new_id(crate::model::Table::Attachments)),
        rec,
        chrono::Local::now()
            .naive_local()
            .with_nanosecond(0)
            .unwrap_or_default(),
        &by,
    );
    meta.response_id = a.response.map(ResponseId);
    meta.event_id = a.event.map(EventId);
    meta.received_on = received;
    meta.document_date = dated;
    meta.note = a.note;
    let id = meta.id;
    let result = session
        .attach(
            crate::session::ChangeLabel::add(|t| t.what_attachment, prepared.name.clone()),
            meta,
            prepared.content.clone(),
        )
        .and_then(|()| session.flush());
    if let Err(e) = result {
        let _ = std::fs::remove_file(&prepared.content);
        return Err(format!(
            "{} — {}",
            e.message(crate::i18n::Lang::Vi),
            shown(file)
        ));
    }
    writeln!(
        out,
        "Đã đính kèm “{}” ({}) vào kiến nghị {}: mã tệp {}, SHA-256 {}",
        prepared.name,
        size_text(prepared.size),
        a.recommendation,
        id.0,
        prepared.sha256
    )
    .map_err(io)?;
    let total = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if total > crate::model::LARGE_PROJECT_BYTES {
        writeln!(
            out,
            "Lưu ý: tệp dự án đã nặng {}; gửi qua thư điện tử hoặc chép USB sẽ lâu hơn.",
            size_text(total)
        )
        .map_err(io)?;
    }
    Ok(())
}

fn size_text(bytes: u64) -> String {
    crate::model::number::format_size(bytes, crate::model::NumberStyle::Vi)
}

fn attachments(file: &Path, extract: Option<&Path>, out: &mut dyn Write) -> Result<(), String> {
    let (project, d) = open_read_only(file)?;
    if d.attachments.is_empty() {
        return writeln!(out, "(chưa có tệp minh chứng nào)").map_err(io);
    }
    if let Some(dir) = extract {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("không tạo được thư mục ({e}) — {}", dir.display()))?;
    }
    for a in &d.attachments {
        let mut line = format!(
            "[{}] kiến nghị {} · {} · {} · SHA-256 {}",
            a.id.0,
            a.recommendation_id.0,
            a.name,
            size_text(a.size),
            a.sha256
        );
        if let Some(x) = a.received_on {
            line.push_str(&format!(" · nhận {}", x.format("%d/%m/%Y")));
        }
        if let Some(x) = a.document_date {
            line.push_str(&format!(" · văn bản ngày {}", x.format("%d/%m/%Y")));
        }
        writeln!(out, "{line}").map_err(io)?;
        if let Some(dir) = extract {
            let dest = dir.join(format!(
                "{}-{}",
                a.id.0,
                crate::store::attachments::safe_file_name(&a.name)
            ));
            if dest.exists() {
                return Err(format!(
                    "đã có tệp {}; không ghi đè — hãy chọn thư mục trống",
                    dest.display()
                ));
            }
            project
                .save_attachment(a, &dest)
                .map_err(|e| format!("{e} — {}", file.display()))?;
            writeln!(out, "     → {}", dest.display()).map_err(io)?;
        }
    }
    Ok(())
}

fn check(file: &Path, out: &mut dyn Write) -> Result<(), String> {
    let (project, d) = open_read_only(file)?;
    let problems = project
        .integrity_problems()
        .map_err(|e| format!("{e} — {}", file.display()))?;
    let version = project
        .upgraded()
        .map_or(SCHEMA_VERSION, |u| u.from_version);
    let c = d.counts();
    let mut s = String::new();
    s.push_str(&format!("Tệp: {}\n", file.display()));
    s.push_str(&format!("Hồ sơ: {}\n", d.info.name));
    if version < SCHEMA_VERSION {
        s.push_str(&format!(
            "Lược đồ: số {version} (cũ; sẽ được nâng cấp lên số {SCHEMA_VERSION} khi mở để sửa, có giữ bản sao lưu)\n"
        ));
    } else {
        s.push_str(&format!("Lược đồ: số {version} (đúng phiên bản này)\n"));
    }
    s.push_str("Số bản ghi:\n");
    for (label, n) in [
        ("Chương trình", c.programs),
        ("Dự án, tiểu dự án", c.projects),
        ("Địa bàn", c.areas),
        ("Nguồn vốn", c.funding_sources),
        ("Số liệu vốn", c.allocations),
        ("Chỉ tiêu", c.indicators),
        ("Giá trị chỉ tiêu", c.indicator_values),
        ("Đợt giám sát", c.rounds),
        ("Kết luận", c.conclusions),
        ("Kiến nghị", c.recommendations),
        ("Phản hồi kiến nghị", c.responses),
        ("Câu mẫu", c.phrases),
        ("Phiên bản văn bản", c.text_versions),
        ("Lần cập nhật theo dõi", c.events),
        ("Tệp minh chứng", c.attachments),
        ("Dòng kế thừa địa bàn", c.successions),
    ] {
        s.push_str(&format!("  {label:<20} {n:>6}\n"));
    }
    // A sum too large to hold is itself a warning about the data, not a reason to stop.
    match crate::checks::warnings(&d) {
        Err(e) => s.push_str(&format!(
            "Cảnh báo số liệu: {e} (không cộng được các số liệu vốn)\n"
        )),
        Ok(w) if w.is_empty() => s.push_str("Cảnh báo số liệu: không có\n"),
        Ok(w) => {
            s.push_str(&format!("Cảnh báo số liệu: {}\n", w.len()));
            for warning in &w {
                s.push_str(&format!(
                    "  - {}\n",
                    warning.message(&d, crate::i18n::Lang::Vi)
                ));
            }
        }
    }
    if problems.is_empty() {
        s.push_str("Tính toàn vẹn: tốt\n");
        out.write_all(s.as_bytes()).map_err(io)
    } else {
        s.push_str("Tính toàn vẹn: CÓ LỖI\n");
        for p in &problems {
            s.push_str(&format!("  - {p}\n"));
        }
        out.write_all(s.as_bytes()).map_err(io)?;
        Err(format!(
            "tệp có {} lỗi toàn vẹn — {}",
            problems.len(),
            file.display()
        ))
    }
}

const UNKNOWN_VI: &str = "chưa có số liệu";

/// An amount sum in words and figures: "1.911", "chưa có số liệu", or
/// "468 + khoản chưa có số liệu" when only part is known.
pub fn format_sum_vi(sum: &AmountSum, unit: MoneyUnit) -> String {
    let known = format_money(sum.known, unit, NumberStyle::Vi);
    if sum.is_wholly_unknown() {
        UNKNOWN_VI.to_string()
    } else if sum.is_partly_unknown() {
        format!("{known} + khoản {UNKNOWN_VI}")
    } else {
        known
    }
}

fn pad(s: &str, width: usize, right: bool) -> String {
    let n = s.chars().count();
    let fill = " ".repeat(width.saturating_sub(n));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

fn summary_table(d: &Dossier, rows: &[SummaryRow], unit: MoneyUnit) -> Result<String, String> {
    let groups: Vec<_> = rows.iter().map(|r| r.group.clone()).collect();
    let totals = analysis::totals_by_kind(&groups).map_err(|e| e.to_string())?;
    let header = ["Địa bàn", "Dự án", "Loại vốn", "Kỳ", "Số tiền"];
    let mut body: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            let area = match r.area_kind {
                Some(k) => format!("{} {}", k.label_vi(), r.area),
                None => r.area.clone(),
            };
            [
                area,
                r.project.clone(),
                r.group.kind.label_vi().to_string(),
                r.group.period.to_string(),
                format_sum_vi(&r.group.sum, unit),
            ]
        })
        .collect();
    let total_rows: Vec<[String; 5]> = totals
        .iter()
        .map(|t| {
            [
                "Tổng cộng".to_string(),
                String::new(),
                t.kind.label_vi().to_string(),
                String::new(),
                match &t.sum {
                    Some(sum) => format_sum_vi(sum, unit),
                    None => analysis::NOT_ADDED_VI.to_string(),
                },
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in body.iter().chain(total_rows.iter()) {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String; 5]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(&pad(c, widths[i], i == 4));
        }
        s.trim_end().to_string() + "\n"
    };
    let mut s = format!(
        "Tổng hợp vốn: {}\nĐVT: {}\n\n",
        d.info.name,
        unit.label_vi()
    );
    s.push_str(&line(&header.map(String::from)));
    let rule: usize = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
    s.push_str(&"-".repeat(rule));
    s.push('\n');
    if body.is_empty() {
        s.push_str("(chưa có số liệu vốn nào)\n");
    }
    for row in body.drain(..) {
        s.push_str(&line(&row));
    }
    if !total_rows.is_empty() {
        s.push_str(&"-".repeat(rule));
        s.push('\n');
        for row in &total_rows {
            s.push_str(&line(row));
        }
    }
    let overlaps: Vec<_> = totals.iter().flat_map(|t| &t.overlaps).collect();
    if !overlaps.is_empty() {
        s.push_str(
            "
Cảnh báo số liệu:
",
        );
        for o in overlaps {
            s.push_str(&format!(
                "  - {}
",
                analysis::overlap_warning(d, o, crate::i18n::Lang::Vi)
            ));
        }
    }
    Ok(s)
}

/// The exact csv header of `giamsat recommendations --format csv`.
pub const RECOMMENDATIONS_CSV_HEADER: &str =
    "id,addressees,areas,deadline,status,text,last_response_date";

fn area_names(d: &Dossier, ids: &[crate::model::AreaId]) -> String {
    ids.iter()
        .filter_map(|a| d.area(*a))
        .map(|a| a.name.clone())
        .collect::<Vec<_>>()
        .join("; ")
}

fn recommendations_csv(d: &Dossier) -> String {
    let mut s = String::from(RECOMMENDATIONS_CSV_HEADER);
    s.push('\n');
    for r in &d.recommendations {
        s.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            r.id.0,
            csv_field(&r.addressees.join("; ")),
            csv_field(&area_names(d, &r.area_ids)),
            r.deadline
                .map(|x| x.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            r.status.code(),
            csv_field(&r.text),
            r.last_response()
                .map(|x| x.date.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        ));
    }
    s
}

fn shorten(s: &str, max: usize) -> String {
    let one_line = s.replace('\n', " ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        format!("{}…", one_line.chars().take(max - 1).collect::<String>())
    }
}

fn recommendations_table(d: &Dossier) -> String {
    let today = chrono::Local::now().date_naive();
    let mut s = format!("Kiến nghị: {}\n\n", d.info.name);
    if d.recommendations.is_empty() {
        s.push_str("(chưa có kiến nghị nào)\n");
    }
    for r in &d.recommendations {
        let deadline = r
            .deadline
            .map(|x| x.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|| "không có".into());
        let overdue = if r.is_overdue(today) {
            " — QUÁ HẠN"
        } else {
            ""
        };
        s.push_str(&format!("[{}] {}\n", r.id.0, shorten(&r.text, 110)));
        s.push_str(&format!("     Gửi: {}\n", r.addressees.join("; ")));
        if !r.area_ids.is_empty() {
            s.push_str(&format!("     Địa bàn: {}\n", area_names(d, &r.area_ids)));
        }
        for note in crate::follow_up::successor_notes(d, r, crate::i18n::Lang::Vi) {
            s.push_str(&format!("     Đã sắp xếp: {note}\n"));
        }
        s.push_str(&format!(
            "     Thời hạn: {deadline}{overdue} · Trạng thái: {}\n",
            r.status.label_vi()
        ));
        let mut kind = format!("     Loại: {}", r.kind.label_vi());
        if r.kind == crate::model::RecommendationKind::Financial {
            kind.push_str(&match r.amount_dong {
                Some(a) => format!(
                    " · Số tiền: {} triệu đồng",
                    format_money(a, MoneyUnit::Trieu, NumberStyle::Vi)
                ),
                None => " · Số tiền: chưa có".into(),
            });
        }
        s.push_str(&kind);
        s.push('\n');
        match r.last_response() {
            Some(x) => s.push_str(&format!(
                "     Phản hồi gần nhất ({}): {}\n",
                x.date.format("%d/%m/%Y"),
                shorten(&x.text, 90)
            )),
            None => s.push_str("     Chưa có phản hồi\n"),
        }
    }
    s
}

/// The exact csv header of `giamsat follow-up --format csv`.
pub const FOLLOW_UP_CSV_HEADER: &str = "group,total,done,partly,in_progress,open,not_accepted,overdue,rate_count,amount_dong,amount_done_dong";

/// One line per group. `rate_count` is a percentage with one decimal (empty for an empty
/// group); the amounts are whole đồng of the financial recommendations that state one.
fn follow_up_csv(rows: &[crate::follow_up::RateRow]) -> String {
    let mut s = String::from(FOLLOW_UP_CSV_HEADER);
    s.push('\n');
    for r in rows {
        s.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{}\n",
            csv_field(&r.group),
            r.total,
            r.done,
            r.partly,
            r.in_progress,
            r.open,
            r.not_accepted,
            r.overdue,
            r.rate_count()
                .map(|p| format!("{p:.1}"))
                .unwrap_or_default(),
            r.amount_dong,
            r.amount_done_dong
        ));
    }
    s
}

fn follow_up_json(
    by: crate::follow_up::Grouping,
    today: chrono::NaiveDate,
    rows: &[crate::follow_up::RateRow],
    total: &crate::follow_up::RateRow,
) -> String {
    let row = |r: &crate::follow_up::RateRow| {
        let mut v = serde_json::to_value(r).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("rate_count".into(), serde_json::json!(r.rate_count()));
            o.insert("rate_amount".into(), serde_json::json!(r.rate_amount()));
        }
        v
    };
    let v = serde_json::json!({
        "by": by,
        "as_of": today.format("%Y-%m-%d").to_string(),
        "groups": rows.iter().map(row).collect::<Vec<_>>(),
        "total": row(total),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

fn follow_up_table(
    d: &Dossier,
    by: crate::follow_up::Grouping,
    today: chrono::NaiveDate,
    rows: &[crate::follow_up::RateRow],
    total: &crate::follow_up::RateRow,
) -> String {
    use crate::follow_up::{Grouping, rate_sentence};
    let lang = crate::i18n::Lang::Vi;
    let how = match by {
        Grouping::Addressee => "theo cơ quan được kiến nghị",
        Grouping::Round => "theo đợt giám sát",
        Grouping::Year => "theo năm ban hành",
        Grouping::Kind => "theo loại kiến nghị",
    };
    let mut s = format!(
        "Kết quả thực hiện kiến nghị: {} ({how}), tính đến ngày {}\n\n",
        d.info.name,
        today.format("%d/%m/%Y")
    );
    if total.total == 0 {
        s.push_str("(chưa có kiến nghị nào)\n");
        return s;
    }
    let detail = |r: &crate::follow_up::RateRow| {
        let mut line = format!(
            "     Đã thực hiện {} · một phần {} · đang thực hiện {}",
            r.done, r.partly, r.in_progress
        );
        if r.reported > 0 {
            line.push_str(&format!(" (trong đó {} báo cáo chờ xác minh)", r.reported));
        }
        line.push_str(&format!(
            " · chưa thực hiện {} · không tiếp thu {}",
            r.open, r.not_accepted
        ));
        if r.overdue > 0 {
            line.push_str(&format!(" · QUÁ HẠN {}", r.overdue));
        }
        if r.repeated > 0 {
            line.push_str(&format!(" · lặp lại {}", r.repeated));
        }
        line.push('\n');
        line
    };
    for r in rows {
        s.push_str(&format!("{}: {}\n", r.group, rate_sentence(r, lang)));
        s.push_str(&detail(r));
    }
    s.push_str(&format!(
        "\n{}: {}\n",
        total.group,
        rate_sentence(total, lang)
    ));
    s.push_str(&detail(total));
    s.push_str(
        "\nCách tính: kiến nghị đã thực hiện là kiến nghị Mặt trận đã xác minh; báo cáo đã xong \
         chưa xác minh tính là đang thực hiện; thực hiện một phần tính theo phần đã làm; kiến nghị \
         không tiếp thu vẫn tính vào tổng số.\n",
    );
    s
}

/// The exact csv header of `giamsat summary --format csv`.
pub const SUMMARY_CSV_HEADER: &str = "area,area_type,project,kind,from_year,to_year,amount_dong";

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn summary_csv(rows: &[SummaryRow]) -> String {
    let mut s = String::from(SUMMARY_CSV_HEADER);
    s.push('\n');
    for r in rows {
        let g = &r.group;
        // A sum with any unknown part is not a known total: the amount is left empty.
        let amount = g
            .sum
            .total()
            .map(|d| d.get().to_string())
            .unwrap_or_default();
        s.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            csv_field(&r.area),
            r.area_kind.map_or("", |k| k.code()),
            csv_field(&r.project),
            g.kind.code(),
            g.period.from_year(),
            g.period.to_year(),
            amount
        ));
    }
    s
}

fn summary_json(rows: &[SummaryRow]) -> String {
    let items: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let g = &r.group;
            serde_json::json!({
                "area": r.area,
                "area_id": g.area_id.0,
                "area_type": r.area_kind.map(|k| k.code()),
                "project": r.project,
                "project_id": g.project_id.0,
                "kind": g.kind.code(),
                "from_year": g.period.from_year(),
                "to_year": g.period.to_year(),
                "amount_dong": g.sum.total().map(|d| d.get()),
                "known_dong": g.sum.known.get(),
                "unknown_count": g.sum.unknown_count,
                "allocation_ids": g.allocation_ids.iter().map(|a| a.0).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&items).unwrap_or_default();
    s.push('\n');
    s
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
