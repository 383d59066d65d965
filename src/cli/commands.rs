//! The subcommands and their arguments, as clap reads them (the help texts are their doc
//! comments).

use super::{FormatArg, LangArg, UnitArg};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub(super) enum Command {
    /// Ghi hồ sơ mẫu Lạng Sơn (Dự án 7 tại Hữu Lũng và Chi Lăng, 2023) ra một tệp mới
    Sample {
        /// Tệp dự án sẽ tạo (chưa tồn tại)
        #[arg(value_name = "TỆP_RA")]
        out: PathBuf,
    },
    /// Hướng dẫn sử dụng: liệt kê các chương, hoặc ghi cả cuốn ra PDF (khổ A4, có mục lục)
    Guide {
        /// Ghi hướng dẫn ra tệp PDF này
        #[arg(long, value_name = "TỆP_PDF")]
        pdf: Option<PathBuf>,
        /// Ngôn ngữ: vi (tiếng Việt, mặc định) hoặc en (tiếng Anh)
        #[arg(long, value_name = "NGÔN_NGỮ", value_parser = ["vi", "en"], default_value = "vi")]
        lang: String,
    },
    /// Tạo một dự án trống (có sẵn danh mục 7 dự án của Chương trình giảm nghèo bền vững)
    New {
        /// Tệp dự án sẽ tạo (chưa tồn tại)
        #[arg(value_name = "TỆP_RA")]
        out: PathBuf,
        /// Tên hồ sơ giám sát
        #[arg(long, value_name = "TÊN")]
        name: String,
        /// Tỉnh (thành phố) của Ủy ban MTTQ giám sát, ví dụ “Lạng Sơn”: các huyện, xã nhập
        /// từ báo cáo được tạo trong tỉnh này
        #[arg(long, value_name = "TỈNH")]
        province: Option<String>,
    },
    /// Kiểm tra một tệp dự án: phiên bản lược đồ, số bản ghi mỗi loại, tính toàn vẹn
    Check {
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
    },
    /// Tổng hợp vốn theo địa bàn × dự án × loại vốn × kỳ
    Summary {
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
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
    /// Vì sao một tổng là con số đó: các số liệu được cộng, các số liệu không cộng và quy tắc
    /// nào để chúng ra ngoài (phần của một tổng, đợt sau báo cáo lại), vì sao không đưa ra tổng
    Explain {
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Địa bàn, ví dụ "huyện Hữu Lũng" (gồm các đơn vị trực thuộc); bỏ trống: mọi địa bàn
        #[arg(long, value_name = "ĐỊA_BÀN")]
        area: Option<String>,
        /// Năm (2022) hoặc giai đoạn (2022-2023); bỏ trống: mọi kỳ
        #[arg(long, value_name = "NĂM")]
        year: Option<String>,
        /// Loại vốn: allocated (phân bổ, mặc định), carried_over (năm trước chuyển sang),
        /// disbursed (giải ngân)
        #[arg(long, value_name = "LOẠI", default_value = "allocated", hide_default_value = true, value_parser = ["allocated", "carried_over", "disbursed"], hide_possible_values = true)]
        kind: String,
        /// Dự án, ví dụ "Dự án 7" (gồm các tiểu dự án); bỏ trống: mọi dự án
        #[arg(long, value_name = "DỰ_ÁN")]
        project: Option<String>,
        /// Như tại đợt giám sát thứ N (các dự án, địa bàn đợt đó giám sát, như văn bản của đợt)
        #[arg(long, value_name = "SỐ")]
        round: Option<u32>,
        /// Đơn vị tiền: dong, nghin hoặc trieu (mặc định)
        #[arg(long, value_enum, default_value_t = UnitArg::Trieu, hide_possible_values = true, hide_default_value = true, value_name = "ĐƠN_VỊ")]
        unit: UnitArg,
        /// Dạng kết quả: table (để đọc, mặc định) hoặc json
        #[arg(long, value_enum, default_value_t = FormatArg::Table, hide_possible_values = true, hide_default_value = true, value_name = "DẠNG")]
        format: FormatArg,
    },
    /// Vẽ biểu đồ vốn ra tệp SVG và/hoặc PNG (để dán vào Word)
    Chart {
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
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
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
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
        /// Đợt giám sát thứ mấy, theo thời gian (như nhãn “Đợt 1”, “Đợt 2” trong ứng dụng; mặc định 1).
        /// Văn bản của đợt đã ban hành: cho đúng bản đã lưu lúc ban hành
        #[arg(long, value_name = "SỐ", value_parser = clap::value_parser!(u32).range(1..))]
        round: Option<u32>,
        /// Dựng lại theo số liệu hiện nay (mỗi trang có dòng “không phải bản đã ban hành”),
        /// thay vì cho bản đã ban hành
        #[arg(long)]
        current: bool,
    },
    /// Ban hành văn bản của một đợt: dựng thông báo, báo cáo từ số liệu hiện nay và lưu bản đã
    /// ban hành (PDF, Word, mã SHA-256, số liệu được nêu) vào tệp dự án; khóa đợt
    Issue {
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Đợt giám sát thứ mấy, theo thời gian (như nhãn “Đợt 1”, “Đợt 2” trong ứng dụng)
        #[arg(long, value_name = "SỐ", value_parser = clap::value_parser!(u32).range(1..))]
        round: u32,
        /// Số của thông báo, ví dụ 15
        #[arg(long, value_name = "SỐ")]
        number: String,
        /// Ngày ban hành: YYYY-MM-DD hoặc dd/mm/yyyy
        #[arg(long, value_name = "NGÀY")]
        date: String,
        /// Người ký (mặc định: như đã đặt cho văn bản)
        #[arg(long, value_name = "TÊN")]
        signer: Option<String>,
        /// Văn bản lưu bản đã ban hành, cách nhau bởi dấu phẩy (mặc định thong-bao,bao-cao);
        /// thông báo mang số --number (không có thông báo thì văn bản đầu tiên)
        #[arg(
            long,
            value_name = "VĂN_BẢN",
            value_delimiter = ',',
            default_value = "thong-bao,bao-cao",
            hide_default_value = true
        )]
        docs: Vec<String>,
        /// Đơn vị tiền trong văn bản: dong, nghin hoặc trieu (mặc định)
        #[arg(long, value_enum, default_value_t = UnitArg::Trieu, hide_possible_values = true, hide_default_value = true, value_name = "ĐƠN_VỊ")]
        unit: UnitArg,
        /// Tên người ban hành ghi vào nhật ký khóa (mặc định: tên người dùng của máy)
        #[arg(long, value_name = "TÊN")]
        by: Option<String>,
        /// Vẫn ban hành khi kiểm tra số liệu (giamsat check-text) còn điểm cần xem; điều này
        /// được ghi vào nhật ký khóa của đợt
        #[arg(long)]
        despite_check: bool,
    },
    /// Kiểm tra số liệu trong văn bản của đợt: số liệu đã chèn nay đã đổi, số gõ tay không khớp
    /// số liệu nào (kèm số gần nhất), tỷ lệ, tổng không khớp, năm ngoài các kỳ của đợt. Chỉ in
    /// những điểm cần xem, mỗi điểm một dòng
    #[command(name = "check-text")]
    CheckText {
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Đợt giám sát thứ mấy, theo thời gian (mặc định: mọi đợt)
        #[arg(long, value_name = "SỐ", value_parser = clap::value_parser!(u32).range(1..))]
        round: Option<u32>,
        /// Dạng kết quả: table (để đọc, mặc định) hoặc json (cho máy)
        #[arg(long, value_name = "DẠNG", default_value = "table", hide_default_value = true, value_parser = ["table", "json"], hide_possible_values = true)]
        format: String,
    },
    /// Mở khóa một đợt đã ban hành để sửa (phải ghi lý do); bản đã ban hành vẫn giữ nguyên
    Unlock {
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Đợt giám sát thứ mấy, theo thời gian
        #[arg(long, value_name = "SỐ", value_parser = clap::value_parser!(u32).range(1..))]
        round: u32,
        /// Lý do mở khóa
        #[arg(long, value_name = "LÝ_DO")]
        reason: String,
        /// Tên người mở khóa ghi vào nhật ký khóa (mặc định: tên người dùng của máy)
        #[arg(long, value_name = "TÊN")]
        by: Option<String>,
    },
    /// Danh sách kiến nghị và việc thực hiện
    Recommendations {
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Dạng kết quả: table (bảng để đọc, mặc định) hoặc csv (cho máy)
        #[arg(long, value_name = "DẠNG", default_value = "table", hide_default_value = true, value_parser = ["table", "csv"], hide_possible_values = true)]
        format: String,
    },
    /// Tỷ lệ thực hiện kiến nghị theo cơ quan, đợt, năm hoặc loại (theo số lượng và số tiền)
    #[command(name = "follow-up")]
    FollowUp {
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
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
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
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
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Tệp JSON sẽ ghi, hoặc - để in ra màn hình
        #[arg(long, value_name = "TỆP_JSON")]
        json: PathBuf,
    },
    /// Nhập số liệu vốn từ báo cáo Excel/CSV của huyện, xã vào tệp dự án (một thay đổi; nhập lại
    /// cùng báo cáo thì cập nhật, không thêm trùng)
    ImportTable {
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
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
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
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
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
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
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
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
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
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
        /// Tệp dự án (.giamsat), hoặc địa chỉ dự án trên máy chủ (postgres://…?project=MÃ)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// Thư mục để ghi bản sao các tệp (tên dạng MÃ-tên gốc; không ghi đè tệp đã có)
        #[arg(long, value_name = "THƯ_MỤC")]
        extract: Option<PathBuf>,
    },
    /// Làm việc nhóm trên máy chủ PostgreSQL: chuẩn bị cơ sở dữ liệu, người dùng, quyền với
    /// từng dự án, đưa tệp dự án lên và lấy bản sao về, theo dõi thay đổi
    #[command(subcommand)]
    Server(ServerCommand),
}

/// `giamsat server …`
#[derive(Subcommand, Debug)]
pub(super) enum ServerCommand {
    /// Tạo hoặc nâng cấp lược đồ GiamSat trong cơ sở dữ liệu ở URL (chạy với tài khoản chủ sở
    /// hữu cơ sở dữ liệu); chạy lại nhiều lần không sao
    Init {
        /// postgres://NGƯỜI_DÙNG@MÁY_CHỦ:CỔNG/TÊN_CSDL (mật khẩu lấy từ PGPASSWORD)
        #[arg(value_name = "URL")]
        url: String,
    },
    /// Người dùng (mỗi người một tài khoản đăng nhập)
    #[command(subcommand)]
    User(UserCommand),
    /// Cho một người dùng xem (và, nếu là editor, sửa) một dự án trên máy chủ
    Grant {
        #[arg(value_name = "URL")]
        url: String,
        /// Mã dự án trên máy chủ (xem “giamsat server list”)
        #[arg(long, value_name = "MÃ")]
        project: i64,
        /// Tên đăng nhập
        #[arg(value_name = "TÊN")]
        name: String,
    },
    /// Thu hồi quyền của một người dùng với một dự án
    Revoke {
        #[arg(value_name = "URL")]
        url: String,
        /// Mã dự án trên máy chủ
        #[arg(long, value_name = "MÃ")]
        project: i64,
        /// Tên đăng nhập
        #[arg(value_name = "TÊN")]
        name: String,
    },
    /// Các dự án người dùng này được xem, và những người dùng GiamSat trên máy chủ
    List {
        #[arg(value_name = "URL")]
        url: String,
        /// Dạng kết quả: table (để đọc, mặc định) hoặc json
        #[arg(long, value_name = "DẠNG", default_value = "table", hide_default_value = true, value_parser = ["table", "json"], hide_possible_values = true)]
        format: String,
    },
    /// Đưa một tệp dự án lên máy chủ thành một dự án mới (dòng cuối in ra địa chỉ của dự án);
    /// với địa chỉ có ?project=MÃ: đưa những gì đã sửa trên bản sao lấy bằng “server pull” trở
    /// lại dự án đó, qua cùng phép kiểm tra như mọi thay đổi
    Push {
        /// Tệp dự án (.giamsat)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        /// postgres://…/TÊN_CSDL, hoặc …?project=MÃ để đưa bản sao trở lại
        #[arg(value_name = "URL")]
        url: String,
        /// Khi người khác đã sửa cùng bản ghi: ask (không ghi gì, liệt kê từng trường; mặc định),
        /// theirs (giữ bản trên máy chủ, đưa phần còn lại), mine (ghi bản của tệp đè lên)
        #[arg(long, value_name = "CÁCH", default_value = "ask", hide_default_value = true, value_parser = ["ask", "theirs", "mine"], hide_possible_values = true)]
        on_conflict: String,
    },
    /// Lấy một bản sao dự án trên máy chủ về tệp (để làm việc không có mạng, để gửi đi)
    Pull {
        /// postgres://…/TÊN_CSDL?project=MÃ
        #[arg(value_name = "ĐỊA_CHỈ")]
        address: String,
        /// Tệp dự án sẽ tạo (chưa tồn tại)
        #[arg(long, value_name = "TỆP_RA")]
        out: PathBuf,
    },
    /// In mỗi thay đổi của dự án một dòng (giờ, người, việc) ngay khi nó xảy ra, đến khi dừng
    /// (Ctrl+C)
    Watch {
        /// postgres://…/TÊN_CSDL?project=MÃ
        #[arg(value_name = "ĐỊA_CHỈ")]
        address: String,
        /// Dừng sau N thay đổi
        #[arg(long, value_name = "N")]
        limit: Option<u64>,
    },
}

/// `giamsat server user …`
#[derive(Subcommand, Debug)]
pub(super) enum UserCommand {
    /// Thêm một người dùng: mật khẩu đọc từ dòng đầu của đầu vào chuẩn (--password-stdin) và
    /// chỉ gửi lên máy chủ dưới dạng mã SCRAM-SHA-256
    Add {
        #[arg(value_name = "URL")]
        url: String,
        /// Tên đăng nhập: chữ thường không dấu, chữ số, . _ - (ví dụ nguyen.van.a)
        #[arg(value_name = "TÊN")]
        name: String,
        /// reader (chỉ đọc), editor (sửa) hoặc admin (quản trị: cả cấp quyền)
        #[arg(long, value_name = "VAI_TRÒ")]
        role: String,
        /// Đọc mật khẩu từ đầu vào chuẩn
        #[arg(long)]
        password_stdin: bool,
    },
}
