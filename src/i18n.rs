//! The user's language and every text the app shows, in one typed table. Each entry carries
//! both languages side by side, so a text missing in either language does not compile; a test
//! checks that placeholders match between the two. Kept in one file: the table is one list,
//! and splitting it would only scatter texts a translator reads together.

pub mod labels;

pub use labels::*;

use crate::model::NumberStyle;
use serde::{Deserialize, Serialize};

/// A kind of record (as the server and the change log name it: "Recommendation") as people
/// call it: "Kiến nghị".
pub fn kind_name(kind: &str, t: &Texts) -> String {
    let what = match kind {
        "Info" => t.what_dossier,
        "Program" => t.what_program,
        "Project" => t.what_project,
        "Area" => t.what_area,
        "Allocation" => t.what_allocation,
        "Indicator" => t.what_indicator,
        "IndicatorValue" => t.what_indicator_value,
        "Round" => t.what_round,
        "Conclusion" => t.what_conclusion,
        "Recommendation" => t.what_recommendation,
        "Phrase" => t.what_phrase,
        "TextVersion" => t.what_version,
        "Document" => t.what_document,
        "Attachment" => t.what_attachment,
        "FundingSource" => t.what_funding_source,
        "Event" => t.what_event,
        "RoundEvent" => t.what_round_event,
        "Succession" => t.what_succession,
        "IssuedDocument" => t.what_issued_document,
        other => other,
    };
    let mut c = what.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A message said in both languages, for text made far from the window (a server's answer,
/// a link's state, a report's problem) that the window shows in the language in use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Said {
    pub vi: String,
    pub en: String,
}

impl Said {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Said {
        Said {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The same words in both (a name, a system's own message).
    pub fn same(text: impl Into<String>) -> Said {
        let text = text.into();
        Said {
            vi: text.clone(),
            en: text,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// Both texts changed alike (a password masked, say).
    pub fn map(&self, f: impl Fn(&str) -> String) -> Said {
        Said {
            vi: f(&self.vi),
            en: f(&self.en),
        }
    }
}

impl std::fmt::Display for Said {
    /// The Vietnamese text: the command line and the logs speak Vietnamese.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.vi)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    pub fn number_style(self) -> NumberStyle {
        match self {
            Lang::Vi => NumberStyle::Vi,
            Lang::En => NumberStyle::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language's own name, shown in the menu in every language.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

macro_rules! texts {
    ($( $key:ident : $vi:literal , $en:literal ; )*) => {
        /// Every text of the user interface in one language.
        pub struct Texts {
            $(pub $key: &'static str,)*
        }
        pub static VI: Texts = Texts { $($key: $vi,)* };
        pub static EN: Texts = Texts { $($key: $en,)* };
        /// (key, Vietnamese, English) for every text, for tests.
        pub const ALL_TEXTS: &[(&str, &str, &str)] = &[$((stringify!($key), $vi, $en),)*];
    };
}

texts! {
    app_name: "GiamSat", "GiamSat";
    untitled: "Chưa đặt tên", "Untitled";
    read_only_suffix: "chỉ đọc", "read-only";

    // Menus
    menu_file: "Tệp", "File";
    menu_edit: "Sửa", "Edit";
    menu_view: "Xem", "View";
    menu_help: "Trợ giúp", "Help";
    menu_open_recent: "Mở gần đây", "Open recent";
    menu_language: "Ngôn ngữ", "Language";
    menu_theme: "Giao diện", "Theme";
    menu_unit: "Đơn vị tiền", "Money unit";
    recent_none: "(chưa có tệp nào)", "(no files yet)";
    recent_remove: "Bỏ khỏi danh sách", "Remove from list";
    recent_clear: "Xóa danh sách", "Clear list";

    // Commands
    cmd_new: "Dự án mới", "New project";
    cmd_open: "Mở…", "Open…";
    cmd_save: "Lưu", "Save";
    cmd_save_as: "Lưu thành…", "Save as…";
    cmd_import_json: "Nhập từ JSON…", "Import JSON…";
    cmd_import_table: "Nhập số liệu từ Excel/CSV…", "Import figures from Excel/CSV…";
    cmd_import_successions: "Nhập bảng đơn vị kế thừa (Excel/CSV)…", "Import successor units (Excel/CSV)…";
    task_reading_successions: "Đang đọc bảng kế thừa {path}…", "Reading the successor table {path}…";
    successions_imported: "Đã nhập {lines} dòng kế thừa, {areas} địa bàn mới ({known} dòng đã có) từ {path}.", "Imported {lines} succession lines, {areas} new areas ({known} lines already there) from {path}.";
    successions_nothing_new: "Bảng {path} không có dòng kế thừa nào mới.", "The table {path} has no new succession line.";
    successions_refused: "Chưa nhập bảng kế thừa — sửa các dòng sau rồi nhập lại:", "The successor table was not imported — fix these rows and import again:";
    successions_more: "… và {count} lỗi khác", "… and {count} more";
    succ_heading_count: "Đơn vị kế thừa sau sắp xếp ({count} dòng)", "Successor units after reorganisation ({count} lines)";
    succ_now_column: "Nay là", "Now";
    succ_now_many: "→ {count} đơn vị", "→ {count} units";
    succ_help: "Mỗi dòng: đơn vị cũ chuyển (toàn bộ hoặc một phần) sang đơn vị mới từ ngày có hiệu lực, theo văn bản nào. Bảng nhập từ Excel/CSV có 6 cột: tên đơn vị cũ, loại, tên đơn vị mới, loại, ngày, văn bản.", "Each line: a former unit passed (wholly or in part) to a new unit from the effective date, by which act. A table imported from Excel/CSV has 6 columns: former name, type, new name, type, date, act.";
    succ_from: "Đơn vị cũ", "Former unit";
    succ_to: "Đơn vị mới", "New unit";
    succ_date: "Ngày có hiệu lực", "Effective date";
    succ_act: "Văn bản quy định", "Legal act";
    succ_add: "Thêm dòng kế thừa", "Add succession line";
    succ_empty: "Chưa có dòng kế thừa nào.", "No succession line yet.";
    succ_now: "nay: {units}", "now: {units}";
    succ_pick: "(chọn)", "(choose)";
    cmd_export_table: "Xuất bảng số liệu ra Excel…", "Export the tables to Excel…";
    cmd_restore_backup: "Mở bản sao lưu…", "Restore a backup…";
    restored_backup: "Đã mở bản sao lưu {name} thành dự án chưa đặt tên; chọn “Lưu thành…” để giữ.", "Opened the backup {name} as an untitled project; use “Save as…” to keep it.";
    backup_failed: "Không tạo được bản sao lưu của dự án", "The project's backup copy could not be made";
    task_restoring: "Đang mở bản sao lưu {path}…", "Opening the backup {path}…";
    cmd_export_json: "Xuất ra JSON…", "Export JSON…";
    cmd_close: "Đóng dự án", "Close project";
    cmd_quit: "Thoát", "Quit";
    cmd_undo: "Hoàn tác", "Undo";
    cmd_redo: "Làm lại", "Redo";
    cmd_palette: "Bảng lệnh…", "Command palette…";
    cmd_view_data: "Số liệu", "Data";
    cmd_view_charts: "Biểu đồ", "Charts";
    cmd_view_drafting: "Kết luận, kiến nghị", "Drafting";
    cmd_view_follow_up: "Theo dõi kiến nghị", "Follow-up";
    cmd_view_print: "In văn bản", "Print";
    cmd_theme_light: "Sáng", "Light";
    cmd_theme_dark: "Tối", "Dark";
    cmd_theme_system: "Theo hệ thống", "Follow the system";
    cmd_about: "Giới thiệu GiamSat", "About GiamSat";
    undo_named: "Hoàn tác: {action}", "Undo: {action}";
    redo_named: "Làm lại: {action}", "Redo: {action}";
    nothing_to_undo: "Không có gì để hoàn tác", "Nothing to undo";
    nothing_to_redo: "Không có gì để làm lại", "Nothing to redo";
    palette_search: "Tìm lệnh", "Search commands";
    palette_no_match: "Không có lệnh nào khớp", "No matching command";

    // Status and title
    status_saved: "Mọi thay đổi đã được lưu vào tệp", "All changes are saved in the file";
    status_saving: "Đang lưu…", "Saving…";
    status_untitled: "Chưa đặt tên: thay đổi được lưu tạm tự động; chọn “Lưu thành…” để giữ thành tệp", "Untitled: changes are autosaved temporarily; use “Save as…” to keep them in a file";
    status_read_only: "Chỉ đọc", "Read-only";
    read_only_in_use: "Tệp đang được mở để sửa ở nơi khác ({holder}). Bạn đang xem ở chế độ chỉ đọc.", "The file is open for editing elsewhere ({holder}). You are viewing it read-only.";
    read_only_cannot_lock: "Không ghi được vào thư mục chứa tệp, nên tệp được mở ở chế độ chỉ đọc.", "The file's folder cannot be written to, so the file is open read-only.";
    holder_unknown: "một chương trình khác", "another program";
    reload: "Tải lại", "Reload";
    read_only_file: "Tệp được đặt chỉ đọc (thuộc tính Read-only hoặc không có quyền ghi), nên được mở ở chế độ chỉ đọc. Bỏ thuộc tính chỉ đọc của tệp rồi bấm “Tải lại”, hoặc “Lưu thành…” để sửa trên một bản sao.", "The file is marked read-only (its Read-only attribute, or no permission to write), so it is open read-only. Clear the file's read-only attribute and press “Reload”, or use “Save as…” to edit a copy.";
    read_only_unreachable: "Không ghi được vào tệp ({detail}) — ổ mạng hoặc USB có thể đã bị ngắt, hoặc ổ đĩa đã đầy. Tệp vẫn nguyên vẹn đến thay đổi cuối cùng đã ghi; các thay đổi chưa ghi vẫn được giữ trong cửa sổ này. Kết nối lại rồi bấm “Thử lại” để ghi tiếp, hoặc “Lưu thành…” vào chỗ khác.", "The file cannot be written ({detail}) — the network drive or USB stick may be disconnected, or the disk is full. The file is intact up to the last change written; the changes not yet written are kept in this window. Reconnect and press “Retry” to write them, or “Save as…” somewhere else.";
    read_only_write_failed: "Không ghi được thay đổi vào tệp ({detail}). Tệp vẫn nguyên vẹn đến thay đổi cuối cùng đã ghi; các thay đổi chưa ghi vẫn được giữ trong cửa sổ này. Bấm “Thử lại”, hoặc “Lưu thành…” vào tệp khác.", "A change could not be written to the file ({detail}). The file is intact up to the last change written; the changes not yet written are kept in this window. Press “Retry”, or “Save as…” to another file.";
    error_write_failed: "Không ghi được thay đổi vào tệp", "A change could not be written to the file";
    retry: "Thử lại", "Retry";
    typing_not_committed: "Một ô có chữ đang gõ dở không còn hiện trên màn hình nên chưa được lưu; hãy mở lại ô đó và bấm Enter.", "A field with unfinished typing is no longer on screen, so it was not saved; go back to it and press Enter.";
    crashed_last_time: "Lần chạy trước GiamSat gặp một lỗi bất ngờ. Báo cáo lỗi (không chứa nội dung văn bản) ở {path} — hãy gửi cho bộ phận kỹ thuật. Công việc chưa lưu, nếu có, được đề nghị khôi phục.", "GiamSat met an unexpected error in its last run. The crash report (with none of your documents' text) is at {path} — please send it to technical support. Unsaved work, if any, is offered back.";
    data_warning: "Cảnh báo số liệu", "Data warning";
    show_rows: "Xem các dòng", "Show the rows";
    task_failed: "Việc “{task}” bị dừng vì một lỗi bất ngờ; dữ liệu đã lưu không bị ảnh hưởng và có thể làm tiếp.", "The task “{task}” stopped on an unexpected error; nothing saved was affected and work can go on.";
    error_save_unexpected: "lưu bị dừng vì một lỗi bất ngờ ({detail}); dự án vẫn mở như trước", "saving stopped on an unexpected error ({detail}); the project is still open as before";
    read_only_changed_elsewhere: "Tệp trên đĩa đã bị thay đổi ở nơi khác trong lúc mất kết nối, nên không ghi đè lên được. Hãy “Lưu thành…” để giữ bản đang mở, hoặc “Tải lại” để xem bản trên đĩa.", "The file on disk was changed elsewhere while it was unreachable, so it is not overwritten. Use “Save as…” to keep the open version, or “Reload” to see the one on disk.";
    error_save_same_file: "Không lưu đè lên chính tệp đang không ghi được; hãy chọn nơi khác.", "The file that cannot be written cannot be saved over itself; choose another place.";
    reconnected: "Đã kết nối lại tệp {path}; có thể sửa tiếp.", "Reconnected to {path}; editing can continue.";
    error_reconnect: "Chưa ghi được vào tệp", "The file still cannot be written";
    error_project_in_use: "Tệp đang được mở để sửa ở nơi khác ({holder})", "The file is open for editing elsewhere ({holder})";
    error_changed_on_disk: "Tệp trên đĩa đã bị thay đổi ở nơi khác nên không ghi đè lên được; hãy “Lưu thành…” vào tệp mới để giữ bản đang mở.", "The file on disk was changed elsewhere, so it is not overwritten; use “Save as…” to keep the open version in a new file.";
    no_project: "Chưa mở dự án nào", "No project is open";
    no_project_hint: "Tạo dự án mới, mở một tệp .giamsat, hoặc kéo thả tệp vào cửa sổ.", "Create a new project, open a .giamsat file, or drop a file onto the window.";
    open_sample: "Mở hồ sơ mẫu Lạng Sơn", "Open the Lạng Sơn sample";

    // Toasts and dialogs
    details: "Chi tiết", "Details";
    copy: "Sao chép", "Copy";
    close: "Đóng", "Close";
    ok: "Đồng ý", "OK";
    cancel: "Hủy", "Cancel";
    yes_save: "Lưu thành tệp…", "Save to a file…";
    discard: "Bỏ đi", "Discard";
    restore: "Khôi phục", "Restore";
    saved_to: "Đã lưu vào {path}", "Saved to {path}";
    already_saved: "Mọi thay đổi đã nằm trong tệp {path}", "Every change is already in {path}";
    exported_to: "Đã xuất JSON ra {path}", "Exported JSON to {path}";
    imported_from: "Đã nhập {path} thành dự án mới (chưa đặt tên)", "Imported {path} as a new untitled project";
    opened_upgraded: "Tệp được nâng cấp từ lược đồ số {from}; bản gốc được giữ ở {backup}", "The file was upgraded from schema {from}; the original is kept at {backup}";
    settings_corrupt: "Tệp cài đặt bị hỏng nên GiamSat dùng cài đặt mặc định; tệp cũ được giữ ở {path}", "The settings file was damaged, so GiamSat uses default settings; the old file is kept at {path}";
    settings_save_failed: "Không lưu được cài đặt", "Could not save the settings";
    unsaved_title: "Dự án chưa được lưu thành tệp", "The project is not saved to a file";
    unsaved_body: "“{name}” mới chỉ được lưu tạm. Lưu thành tệp để giữ lại, hay bỏ đi?", "“{name}” is only autosaved temporarily. Save it to a file, or discard it?";
    unwritten_title: "Có thay đổi chưa ghi được vào tệp", "Some changes could not be written to the file";
    unwritten_body: "{count} thay đổi của “{name}” chưa ghi được vào tệp. Lưu thành tệp khác để giữ lại, hay bỏ đi?", "{count} changes to “{name}” could not be written to the file. Save them to another file, or discard them?";
    recover_title: "Khôi phục công việc chưa lưu", "Recover unsaved work";
    recover_not_discarded: "Không bỏ được “{name}”", "Could not discard “{name}”";
    recover_in_use: "dự án này vừa được khôi phục và đang mở ở cửa sổ GiamSat khác ({holder}); đóng nó ở đó nếu muốn bỏ", "it was just restored and is open in another GiamSat window ({holder}); close it there to discard it";
    recover_body: "GiamSat đã đóng đột ngột khi đang có dự án chưa đặt tên. Có thể khôi phục:", "GiamSat closed unexpectedly while an untitled project was open. You can recover:";
    recover_item: "“{name}”, sửa lần cuối {time}", "“{name}”, last changed {time}";
    task_opening: "Đang mở {path}…", "Opening {path}…";
    task_saving: "Đang lưu thành {path}…", "Saving as {path}…";
    task_importing: "Đang nhập {path}…", "Importing {path}…";
    task_exporting: "Đang xuất {path}…", "Exporting {path}…";
    busy: "Đang bận, vui lòng chờ việc đang làm xong", "Busy: please wait for the current task to finish";
    error_open: "Không mở được tệp", "Could not open the file";
    error_save: "Không lưu được tệp", "Could not save the file";
    error_change: "Thay đổi không được lưu", "The change was not saved";
    error_import: "Không nhập được JSON", "Could not import the JSON";
    error_export: "Không xuất được JSON", "Could not export the JSON";
    error_read_only: "Dự án đang ở chế độ chỉ đọc", "The project is read-only";
    error_step_dropped: "Không hoàn tác được bước “{step}” nữa ({why}): bước này được bỏ khỏi lịch sử hoàn tác, các bước trước đó vẫn hoàn tác được.", "The step “{step}” can no longer be undone ({why}): it was taken out of the undo history; the steps before it can still be undone.";
    error_redo_dropped: "Không làm lại được bước “{step}” nữa ({why}): bước này được bỏ khỏi lịch sử làm lại.", "The step “{step}” can no longer be redone ({why}): it was taken out of the redo history.";
    unsaved_not_opened: "Chưa mở {name}: các thay đổi của dự án đang mở chưa ghi được vào tệp. Bấm “Thử lại” hoặc lưu thành tệp khác trước.", "{name} was not opened: the open project's changes could not be written to its file. Use “Retry”, or save to another file, first.";
    error_file_in_use: "Tệp đích đang được mở ở nơi khác ({holder})", "The target file is open elsewhere ({holder})";
    about_body: "GiamSat giúp cán bộ Ủy ban MTTQ Việt Nam theo dõi giám sát việc thực hiện chương trình, dự án: số liệu, kết luận, kiến nghị và việc thực hiện kiến nghị.", "GiamSat helps Vietnam Fatherland Front staff supervise how State programs are carried out: figures, conclusions, recommendations and their follow-up.";
    portable_unwritable: "Bản di động: không ghi được vào {path} (USB chỉ đọc, hoặc thư mục cần quyền quản trị). Lần này thiết lập và bản lưu tự động được giữ trên máy này: {dir}.", "Portable copy: cannot write to {path} (a read-only stick, or a folder that needs administrator rights). This time settings and autosave are kept on this computer: {dir}.";
    about_folders: "Thiết lập của GiamSat: {config}\nLưu tự động, sao lưu, báo cáo lỗi: {data}", "GiamSat's settings: {config}\nAutosave, backups, crash reports: {data}";
    about_licences: "GiamSat: giấy phép MIT hoặc Apache-2.0. Phông chữ kèm theo: Noto Sans và Liberation Serif (SIL Open Font License 1.1). Thư viện chính: egui, eframe (MIT/Apache-2.0); SQLite (phạm vi công cộng) qua rusqlite (MIT); typst (Apache-2.0); resvg (Apache-2.0/MIT); calamine (MIT); rust_xlsxwriter (MIT/Apache-2.0).", "GiamSat: MIT or Apache-2.0 licence. Bundled fonts: Noto Sans and Liberation Serif (SIL Open Font License 1.1). Main libraries: egui, eframe (MIT/Apache-2.0); SQLite (public domain) through rusqlite (MIT); typst (Apache-2.0); resvg (Apache-2.0/MIT); calamine (MIT); rust_xlsxwriter (MIT/Apache-2.0).";
    version: "Phiên bản {version}", "Version {version}";

    // File dialog (in-app fallback)
    fd_open_title: "Mở tệp", "Open file";
    fd_save_title: "Lưu thành tệp", "Save as";
    fd_folder: "Thư mục", "Folder";
    fd_up: "Lên thư mục cha", "Up one folder";
    fd_home: "Thư mục nhà", "Home folder";
    fd_file_name: "Tên tệp", "File name";
    fd_open: "Mở", "Open";
    fd_save: "Lưu", "Save";
    fd_cannot_read: "Không đọc được thư mục: {error}", "Cannot read the folder: {error}";
    fd_empty: "(thư mục trống)", "(empty folder)";
    fd_overwrite: "Tệp đã tồn tại và sẽ bị thay thế", "The file exists and will be replaced";
    filter_project: "Dự án GiamSat", "GiamSat project";
    filter_json: "JSON", "JSON";
    filter_table: "Bảng tính (xlsx, xls, ods, csv)", "Spreadsheets (xlsx, xls, ods, csv)";
    filter_xlsx: "Excel (xlsx)", "Excel (xlsx)";

    // Data screens
    section_general: "Thông tin chung", "General";
    section_programs: "Chương trình, dự án", "Programs and projects";
    section_areas: "Địa bàn", "Areas";
    section_allocations: "Số liệu vốn", "Allocations";
    section_indicators: "Chỉ tiêu", "Indicators";
    section_round: "Đợt giám sát", "Supervision round";
    f_dossier_name: "Tên hồ sơ", "Dossier name";
    f_supervising_body: "Cơ quan giám sát", "Supervising body";
    f_place: "Địa danh ghi trên văn bản", "Place written on documents";
    f_notes: "Ghi chú", "Notes";
    f_program_name: "Tên chương trình", "Program name";
    f_decision: "Văn bản phê duyệt", "Approving decision";
    f_from_year: "Từ năm", "From year";
    f_to_year: "Đến năm", "To year";
    f_code: "Mã", "Code";
    f_project_name: "Tên dự án", "Project name";
    add_program: "Thêm chương trình", "Add program";
    add_catalogue: "Thêm Chương trình giảm nghèo bền vững (7 dự án có sẵn)", "Add the poverty-reduction program (7 ready projects)";
    add_project: "Thêm dự án", "Add project";
    add_subproject: "Thêm tiểu dự án", "Add sub-project";
    delete: "Xóa", "Delete";
    in_use_cannot_delete: "Không xóa được: đang được dùng ở {count} bản ghi", "Cannot delete: used by {count} records";
    new_program_name: "Chương trình mới", "New program";
    new_project_name: "Dự án mới", "New project";
    f_area_kind: "Loại đơn vị", "Unit type";
    f_area_name: "Tên địa bàn", "Area name";
    f_valid_from: "Có từ năm", "Exists from";
    f_valid_to: "Đến năm", "Until";
    add_top_area: "Thêm tỉnh, thành phố", "Add province";
    add_child_area: "Thêm đơn vị trực thuộc", "Add sub-unit";
    new_area_name: "Địa bàn mới", "New area";
    areas_empty: "Chưa có địa bàn nào. Thêm tỉnh trước, rồi thêm các huyện, xã trực thuộc.", "No areas yet. Add the province first, then its districts and communes.";
    col_area: "Địa bàn", "Area";
    col_project: "Dự án", "Project";
    col_kind: "Loại vốn", "Kind";
    col_period: "Kỳ", "Period";
    col_amount: "Số tiền ({unit})", "Amount ({unit})";
    col_funding: "Nguồn vốn", "Funding source";
    col_source_doc: "Văn bản nguồn", "Source document";
    col_note: "Ghi chú", "Note";
    col_actions: "Thao tác", "Actions";
    unknown_amount: "chưa có số liệu", "not reported";
    add_allocation: "Thêm dòng số liệu", "Add allocation";
    search: "Tìm", "Search";
    all_areas: "Tất cả địa bàn", "All areas";
    all_kinds: "Tất cả loại vốn", "All kinds";
    filter_year: "Năm", "Year";
    filter_year_hint: "mọi năm", "any year";
    rows_shown: "{shown} / {total} dòng", "{shown} of {total} rows";
    none_option: "(không)", "(none)";
    need_area_project: "Cần có ít nhất một địa bàn và một dự án trước khi nhập số liệu.", "Add at least one area and one project before entering figures.";
    amount_hint: "Để trống nếu nguồn không nêu số tiền", "Leave empty when the source gives no amount";
    row_field_error: "Dòng {row}, {column}: {error}", "Row {row}, {column}: {error}";
    indicator_defs: "Danh mục chỉ tiêu", "Indicator list";
    indicator_values: "Giá trị đã báo cáo", "Reported values";
    f_indicator_name: "Tên chỉ tiêu", "Indicator name";
    f_unit: "Đơn vị tính", "Unit";
    f_indicator_kind: "Loại giá trị", "Value type";
    kind_number: "Số", "Number";
    kind_month: "Tháng (mm/yyyy)", "Month (mm/yyyy)";
    add_indicator: "Thêm chỉ tiêu", "Add indicator";
    add_indicator_value: "Thêm giá trị", "Add value";
    new_indicator_name: "Chỉ tiêu mới", "New indicator";
    col_indicator: "Chỉ tiêu", "Indicator";
    col_value: "Giá trị", "Value";
    value_hint: "Để trống nếu chưa có số liệu", "Leave empty when not reported";
    f_round_title: "Tên đợt giám sát", "Round title";
    f_plan_ref: "Kế hoạch số", "Plan reference";
    f_start_date: "Ngày bắt đầu", "Start date";
    f_end_date: "Ngày kết thúc", "End date";
    f_projects_supervised: "Dự án được giám sát", "Projects supervised";
    subjects: "Đối tượng giám sát", "Subjects";
    members: "Thành viên đoàn giám sát", "Delegation members";
    sessions: "Buổi làm việc", "Work sessions";
    f_body: "Cơ quan", "Body";
    f_person: "Họ tên", "Name";
    f_organisation: "Cơ quan, tổ chức", "Organisation";
    f_role: "Vai trò", "Role";
    f_date: "Ngày", "Date";
    f_subject: "Làm việc với", "With";
    f_topics: "Nội dung trao đổi", "Topics";
    f_documents: "Tài liệu nhận", "Documents received";
    add_round: "Thêm đợt giám sát", "Add round";
    add_subject: "Thêm đối tượng", "Add subject";
    add_member: "Thêm thành viên", "Add member";
    add_session: "Thêm buổi làm việc", "Add session";
    new_round_title: "Đợt giám sát mới", "New supervision round";
    new_subject_body: "Cơ quan được giám sát", "Supervised body";
    new_member_org: "Cơ quan", "Organisation";
    rounds_empty: "Chưa có đợt giám sát nào.", "No supervision round yet.";
    date_hint: "dd/mm/yyyy", "dd/mm/yyyy";
    pick_date: "Chọn ngày", "Pick a date";
    calendar: "Lịch", "Calendar";
    clear_date: "Xóa ngày", "Clear date";
    today: "Hôm nay", "Today";
    prev_month: "Tháng trước", "Previous month";
    next_month: "Tháng sau", "Next month";
    weekdays: "T2,T3,T4,T5,T6,T7,CN", "Mo,Tu,We,Th,Fr,Sa,Su";
    month_year: "Tháng {month} năm {year}", "{month}/{year}";

    // Charts
    chart_view_area_year: "Địa bàn × năm", "Area × year";
    chart_view_year_area: "Năm × địa bàn", "Year × area";
    chart_view_kind: "Theo loại vốn", "By kind";
    chart_view_project: "Theo dự án", "By project";
    chart_view_totals: "Tổng theo năm", "Totals by year";
    chart_view_rate: "Tỷ lệ giải ngân", "Disbursement rate";
    chart_view_indicator: "Chỉ tiêu", "Indicator";
    chart_view_rounds: "So sánh các đợt", "Compare rounds";
    chart_superseded_note: "{n} số liệu đã được báo cáo lại ở đợt giám sát sau: biểu đồ dùng số của đợt gần nhất (xem “So sánh các đợt”).", "{n} figures were reported again at a later supervision round: the chart uses the latest round's (see “Compare rounds”).";
    chart_superseded_note_one: "1 số liệu đã được báo cáo lại ở đợt giám sát sau: biểu đồ dùng số của đợt gần nhất (xem “So sánh các đợt”).", "1 figure was reported again at a later supervision round: the chart uses the latest round's (see “Compare rounds”).";
    round_superseded_mark: "cũ", "old";
    round_superseded_hint: "Một đợt giám sát sau đã báo cáo lại số liệu này. Biểu đồ và bảng tổng hợp dùng số của đợt sau; số này vẫn được giữ — xem biểu đồ “So sánh các đợt”.", "A later supervision round reported this figure again. Charts and summaries use the later round's; this one is kept — see the “Compare rounds” chart.";
    chart_building: "Đang vẽ biểu đồ…", "Drawing the chart…";
    chart_failed: "Không vẽ được biểu đồ vì một lỗi bất ngờ; dữ liệu đã lưu không bị ảnh hưởng.", "The chart could not be drawn because of an unexpected error; the saved data is not affected.";
    chart_zoom_hint: "Ctrl + lăn chuột: phóng to · kéo: dịch sang bên · nhấp đúp: xem toàn bộ", "Ctrl + wheel: zoom · drag: move sideways · double-click: see it all";
    round_short: "Đợt", "Round";
    chart_title_rounds: "{kind} theo từng đợt giám sát", "{kind} as reported at each supervision round";
    chart_rounds_none: "Chưa có số liệu nào gắn với một đợt giám sát. Chọn đợt khi nhập báo cáo, hoặc ở cột “Đợt” của bảng số liệu vốn.", "No figure is tied to a supervision round yet. Choose the round when importing a report, or in the “Round” column of the funds table.";
    chart_rounds_note: "Mỗi cột là số liệu như được báo cáo trong đợt đó; các đợt không cộng với nhau. Các biểu đồ khác dùng số liệu của đợt gần nhất.", "Each bar is the figure as reported at that round; rounds are never added together. The other charts use the latest round's figures.";
    chart_rounds_changed: "{area} {period}: {before} ở {round_before}, {after} ở {round_after}.", "{area} {period}: {before} at {round_before}, {after} at {round_after}.";
    chart_rounds_unchanged: "Các đợt báo cáo cùng một địa bàn, cùng kỳ đều cho cùng số liệu.", "Where rounds reported the same area and period, they gave the same figures.";
    chart_rounds_more: "… và {n} số liệu khác đã thay đổi giữa các đợt (xem bảng).", "… and {n} more figures changed between rounds (see the table).";
    basis_label: "Đơn vị", "Units";
    basis_as_reported: "Như số liệu báo cáo (đơn vị thời đó)", "As reported (units of the time)";
    basis_today: "Theo đơn vị hiện nay", "By today's units";
    basis_former_district: "Gộp theo huyện cũ", "Grouped by former district";
    basis_hint: "Số liệu không bao giờ bị chia nhỏ: đơn vị cũ chuyển cho nhiều đơn vị mới vẫn giữ số liệu của mình.", "Figures are never split: a former unit whose land went to several new units keeps its own figures.";
    former_suffix: "(cũ)", "(former)";
    reform_marker: "Sắp xếp đơn vị hành chính {date}", "Reorganisation of units {date}";
    chart_title_area_year: "{kind} theo địa bàn và năm", "{kind} by area and year";
    chart_title_year_area: "{kind} theo năm và địa bàn", "{kind} by year and area";
    chart_title_kind: "Vốn theo loại: phân bổ, năm trước chuyển sang, giải ngân", "Funds by kind: allocated, carried over, disbursed";
    chart_title_project: "{kind} theo dự án", "{kind} by project";
    chart_title_totals: "Tổng {kind} qua các năm", "Total {kind} over the years";
    chart_title_rate: "Tỷ lệ giải ngân so với vốn phân bổ và vốn chuyển sang", "Disbursed as a share of allocated and carried-over funds";
    chart_title_indicator: "{indicator}", "{indicator}";
    chart_total_series: "Tổng {kind}", "Total {kind}";
    chart_span_note: "{area}: {value} {unit} là tổng của cả giai đoạn {period}, không chia theo năm.", "{area}: {value} {unit} is the total for the whole period {period}, not split by year.";
    chart_totals_span_note: "Đường nối các năm chỉ gồm số liệu của từng năm; tổng của cả giai đoạn nhiều năm được vẽ thành đoạn ngang nét đứt, ghi rõ giai đoạn.", "The line joins figures of single years only; totals for several years are dashed horizontal spans labelled with their period.";
    chart_rate_missing: "{area} {period}: chưa đủ số liệu để tính tỷ lệ giải ngân.", "{area} {period}: not enough figures to compute a disbursement rate.";
    chart_rate_empty: "Chưa có địa bàn, kỳ nào có đủ cả số vốn và số giải ngân để tính tỷ lệ.", "No area and period has both the funds and the disbursement needed for a rate.";
    chart_no_indicator: "Chưa có chỉ tiêu dạng số để vẽ.", "There is no numeric indicator to chart.";
    chart_empty: "Không có số liệu nào khớp bộ lọc.", "No figures match the filters.";
    partly_unknown: "{known} + khoản chưa có số liệu", "{known} + unreported";
    total: "Tổng", "Total";
    col_year: "Năm", "Year";
    table_total_missing: "“—”: không đưa ra tổng vì không quy tắc nào cho biết cộng thế nào (kỳ chồng lấn, các phần lớn hơn tổng, các phần báo cáo sau tổng, hai cấp chồng lấn) — rê chuột lên ô để xem lý do.", "“—”: no total is given because no rule says how to add (overlapping periods, parts larger than their total, parts reported after it, overlapping levels) — point at the cell to see why.";
    table_partial_mark: "“+ ?”: phần đã biết, còn khoản chưa có số liệu.", "“+ ?”: the known part; some amounts are not yet known.";
    chart_show_chart: "Biểu đồ", "Chart";
    chart_show_multiples: "Theo từng huyện cũ", "By former district";
    chart_multiples_hint: "Mỗi huyện cũ một biểu đồ nhỏ: số liệu của huyện và của các đơn vị kế thừa, cùng một thang đo để so sánh. Xã lấy đất từ hai huyện có mặt ở cả hai biểu đồ.", "One small chart per former district: its figures and its successors', on one scale to compare. A commune drawn from two districts appears in both.";
    chart_show_table: "Bảng số liệu", "Table";
    chart_copy_table: "Sao chép bảng (dán vào Excel, Word)", "Copy the table (paste into Excel, Word)";
    chart_table_copied: "Đã sao chép bảng {rows} dòng — dán vào Excel hoặc Word.", "Copied the table of {rows} rows — paste into Excel or Word.";
    chart_sort_by: "Xếp theo cột này", "Sort by this column";
    response: "Phản hồi", "Response";
    figure_partly_unknown: "{known} (và khoản chưa có số liệu)", "{known} (plus an unreported amount)";
    chart_all_projects: "Tất cả dự án", "All projects";
    chart_all_levels: "Mọi cấp địa bàn", "All area levels";
    chart_area_level: "Cấp địa bàn", "Area level";
    level_province: "Cấp tỉnh", "Province level";
    level_district: "Cấp huyện", "District level";
    level_commune: "Cấp xã", "Commune level";
    chart_export_svg: "Xuất SVG…", "Export SVG…";
    chart_export_png: "Xuất PNG…", "Export PNG…";
    chart_records: "Số liệu của cột đã chọn", "Records of the selected bar";
    chart_click_hint: "Bấm vào một cột để xem các số liệu, nguồn, kết luận và kiến nghị liên quan.", "Click a bar to see its records, sources, and the related conclusions and recommendations.";
    chart_open_record: "Mở để sửa", "Open for editing";
    chart_related_conclusions: "Kết luận liên quan", "Related conclusions";
    chart_related_recommendations: "Kiến nghị liên quan", "Related recommendations";
    chart_none_related: "(không có)", "(none)";
    chart_bar_name: "Cột {bar}: {values}", "Bar {bar}: {values}";
    chart_rank_top: "{count} địa bàn có {kind} cao nhất", "the {count} areas with the most {kind}";
    chart_rank_bottom: "{count} địa bàn có {kind} thấp nhất", "the {count} areas with the least {kind}";
    chart_rank_desc: "xếp theo {kind} từ cao đến thấp", "by {kind}, largest first";
    chart_rank_asc: "xếp theo {kind} từ thấp đến cao", "by {kind}, smallest first";
    chart_rank_top_value: "{count} địa bàn có giá trị năm {period} cao nhất", "the {count} areas with the highest values in {period}";
    chart_rank_bottom_value: "{count} địa bàn có giá trị năm {period} thấp nhất", "the {count} areas with the lowest values in {period}";
    chart_rank_desc_value: "xếp theo giá trị năm {period} từ cao đến thấp", "by the value in {period}, highest first";
    chart_rank_asc_value: "xếp theo giá trị năm {period} từ thấp đến cao", "by the value in {period}, lowest first";
    chart_rank_unknown_note: "{count} địa bàn có khoản chưa có số liệu: thứ hạng tính theo phần đã biết; địa bàn không có khoản nào đã biết xếp cuối, không coi là 0.", "{count} areas have amounts not yet known: they are ranked by what is known; areas with nothing known come last, not as zero.";
    chart_order: "Thứ tự", "Order";
    picker_areas: "Địa bàn", "Areas";
    picker_all_areas: "tất cả", "all";
    picker_some_areas: "{count} đã chọn", "{count} chosen";
    picker_search: "Tìm địa bàn", "Find an area";
    picker_search_hint: "gõ tên, có dấu hoặc không", "type a name, with or without marks";
    picker_all: "Chọn tất cả", "Choose all";
    picker_none: "Bỏ chọn tất cả", "Choose none";
    picker_only_group: "chỉ nhóm này ({count})", "only this group ({count})";
    chart_order_listed: "Theo danh sách địa bàn", "As listed";
    chart_order_largest: "Từ cao đến thấp", "Largest first";
    chart_order_smallest: "Từ thấp đến cao", "Smallest first";
    chart_show: "Hiện", "Show";
    chart_show_all: "Tất cả địa bàn", "All areas";
    chart_show_n: "{count} địa bàn đầu", "First {count} areas";
    chart_notes_header: "Ghi chú về số liệu ({count})", "Notes on the figures ({count})";
    chart_notes_more: "… và {count} ghi chú khác (xem trong ứng dụng).", "… and {count} more notes (see the app).";
    chart_span_series: "Tổng của cả giai đoạn", "Total for a whole period";
    chart_exported: "Đã xuất biểu đồ ra {path}", "Exported the chart to {path}";
    error_chart_export: "Không xuất được biểu đồ", "Could not export the chart";
    task_chart: "Đang xuất biểu đồ {path}…", "Exporting the chart {path}…";
    filter_svg: "Ảnh SVG", "SVG image";
    filter_png: "Ảnh PNG", "PNG image";
    ck_strength: "Ưu điểm", "Strength";
    ck_shortcoming: "Hạn chế", "Shortcoming";
    ck_cause: "Nguyên nhân", "Cause";
    ck_overall: "Đánh giá chung", "Overall";
    legend_unknown: "Chưa có số liệu (khung nét đứt)", "Not reported (dashed outline)";

    // Drafting
    section_conclusions: "Kết luận", "Conclusions";
    section_recommendations: "Kiến nghị", "Recommendations";
    add_item: "Thêm", "Add";
    general_area: "Chung (không riêng địa bàn nào)", "General (no particular area)";
    add_recommendation: "Thêm kiến nghị", "Add recommendation";
    addressees: "Gửi đến", "Addressed to";
    add_from_subjects: "Chọn đối tượng giám sát…", "Pick a supervised body…";
    other_addressee: "Cơ quan khác (gõ rồi Enter)", "Another body (type, then Enter)";
    remove: "Bỏ", "Remove";
    related_areas: "Địa bàn liên quan", "Related areas";
    deadline: "Thời hạn", "Deadline";
    priority: "Mức ưu tiên", "Priority";
    priority_high: "Cao", "High";
    priority_normal: "Bình thường", "Normal";
    priority_low: "Thấp", "Low";
    status: "Trạng thái", "Status";
    rs_open: "Chưa thực hiện", "Open";
    rs_in_progress: "Đang thực hiện", "In progress";
    rs_reported: "Báo cáo đã xong, chờ xác minh", "Reported done, not verified";
    rs_partly_done: "Thực hiện một phần", "Partly done";
    rs_done: "Đã thực hiện", "Done";
    rs_closed: "Đã kết thúc theo dõi", "Closed";
    rs_not_accepted: "Không tiếp thu", "Not accepted";
    rk_financial: "Tài chính", "Financial";
    rk_policy: "Chính sách, văn bản", "Policy or regulation";
    rk_organisation: "Tổ chức, trách nhiệm", "Organisation and accountability";
    rk_other: "Khác", "Other";
    fu_total: "Tổng cộng", "Total";
    unlock_reason: "Lý do mở khóa", "Reason for unlocking";
    unlock_reason_hint: "ví dụ: sửa số liệu theo báo cáo bổ sung của huyện", "e.g. correct the figures after the district's amended report";
    unlock: "Mở khóa", "Unlock";
    locked_figures_note: "Số liệu thuộc đợt giám sát đã ban hành bị khóa, không sửa được; muốn sửa, mở khóa đợt ở màn hình Kết luận, kiến nghị (ghi lý do).", "Figures an issued supervision round rests on are locked and cannot be changed; to change them, unlock the round on the drafting screen (with a reason).";
    unknown_user: "(chưa đặt tên người dùng)", "(no user name set)";
    lock_log: "Nhật ký khóa ({n})", "Lock log ({n})";
    lock_issued_line: "{when} — ban hành, khóa nội dung và số liệu ({who})", "{when} — issued; text and figures locked ({who})";
    lock_unlocked_line: "{when} — mở khóa: {reason} ({who})", "{when} — unlocked: {reason} ({who})";
    follow_up_round: "Giám sát lại: tạo đợt mới từ {n} kiến nghị chưa hoàn thành", "Supervise again: a new round from {n} unfinished recommendations";
    follow_up_round_title: "Giám sát lại việc thực hiện kiến nghị — {title}", "Follow-up of the recommendations — {title}";
    filter_any: "Mọi tệp", "All files";
    fu_attach: "Đính kèm tệp minh chứng…", "Attach an evidence file…";
    fu_save_copy: "Lưu bản sao…", "Save a copy…";
    fu_runnable_title: "Tệp này có thể chạy chương trình", "This file can run a program";
    fu_runnable_body: "“{name}” là tệp {kind}: mở nó là chạy những gì người gửi đặt vào (chương trình, lệnh, macro) trên máy này. Tệp đến từ dự án {project}. Chỉ mở khi biết chắc người gửi và nội dung; có thể lưu bản sao để kiểm tra virus trước.", "“{name}” is a {kind} file: opening it runs whatever the sender put in it (a program, commands, macros) on this computer. It came in the project {project}. Open it only if you are sure of the sender and the contents; you can save a copy to scan for viruses first.";
    fu_runnable_open: "Vẫn mở tệp {kind}", "Open the {kind} file anyway";
    fu_open_file: "Mở", "Open";
    fu_evidence: "Tệp minh chứng", "Evidence files";
    fu_no_evidence: "Chưa có tệp nào.", "No files yet.";
    fu_received_on: "Ngày nhận", "Received on";
    fu_document_date: "Ngày của văn bản", "Document dated";
    fu_attach_to: "Gắn với", "Belongs to";
    fu_attach_none: "Cả kiến nghị", "The whole recommendation";
    fu_attach_limit: "Mỗi tệp tối đa 50 MB; tệp được lưu ngay trong tệp dự án.", "Up to 50 MB per file; files are kept inside the project file.";
    fu_received: "nhận {date}", "received {date}";
    fu_dated: "văn bản ngày {date}", "dated {date}";
    fu_attached: "Đã đính kèm “{name}” ({size}).", "Attached “{name}” ({size}).";
    fu_project_large: "Tệp dự án đã nặng {size}: gửi thư hoặc chép USB sẽ lâu hơn.", "The project file now takes {size}: mailing or copying it will take longer.";
    fu_left_out: "Bản lưu không mang theo được {n} tệp minh chứng vì tệp cũ không còn đọc được: {names}", "The saved copy could not bring {n} evidence files, as the old file can no longer be read: {names}";
    task_attaching: "Đang chuẩn bị tệp {path}…", "Preparing {path}…";
    task_copying: "Đang chép tệp {path}…", "Copying {path}…";
    due_banner_title: "Theo dõi kiến nghị:", "Recommendations:";
    due_overdue: "{n} kiến nghị quá hạn", "{n} overdue";
    due_7: "{n} đến hạn trong 7 ngày", "{n} due within 7 days";
    due_30: "{n} đến hạn trong 30 ngày", "{n} due within 30 days";
    due_hide: "Ẩn", "Hide";
    fu_rates_title: "Tỷ lệ thực hiện kiến nghị", "Implementation rate";
    fu_group_by: "Nhóm theo", "Group by";
    fu_by_addressee: "Cơ quan được kiến nghị", "Addressee";
    fu_by_round: "Đợt giám sát", "Supervision round";
    fu_by_year: "Năm ban hành", "Year issued";
    fu_by_kind: "Loại kiến nghị", "Kind of recommendation";
    fu_overdue_n: " · {n} quá hạn", " · {n} overdue";
    fu_repeated_n: " · {n} lặp lại", " · {n} repeated";
    fu_rule: "Đã thực hiện: Mặt trận đã xác minh. Báo cáo đã xong mà chưa xác minh tính là đang thực hiện; thực hiện một phần tính theo phần đã làm; không tiếp thu vẫn tính vào tổng số.", "Done means verified by the Front. Reported but not verified counts as in progress; partly done counts as the part done; not accepted stays in the total.";
    fu_history: "Lịch sử theo dõi", "Follow-up history";
    fu_no_history: "Chưa có lần cập nhật nào.", "No updates yet.";
    fu_recorded: "Ghi bởi {who} lúc {when}", "Recorded by {who} at {when}";
    fu_update_status: "Cập nhật trạng thái", "Update the status";
    fu_new_status: "Trạng thái mới", "New status";
    fu_pick_status: "Chọn trạng thái mới…", "Pick the new status…";
    fu_event_date: "Ngày (của văn bản, buổi kiểm tra…)", "Date (of the document, the visit…)";
    fu_method: "Cách xác minh", "Verified by";
    fu_pick_method: "Chọn cách xác minh…", "Pick how it was verified…";
    fu_verifier: "Người xác minh", "Verified by (person)";
    fu_verifier_hint: "để trống nếu là người ghi", "leave empty if it is you";
    fu_part: "Phần đã thực hiện", "Part done";
    fu_part_amount: "Số tiền đã thực hiện (triệu đồng)", "Amount done (million đồng)";
    fu_part_percent: "Phần đã thực hiện (%)", "Share done (%)";
    fu_part_range: "phải lớn hơn 0 và nhỏ hơn số tiền kiến nghị", "must be more than 0 and less than the amount recommended";
    fu_percent_range: "gõ một số từ 1 đến 99", "type a number from 1 to 99";
    fu_reason: "Nguyên nhân", "Reason";
    fu_pick_reason: "Chọn nguyên nhân…", "Pick the reason…";
    fu_explanation: "Giải trình của cơ quan", "The addressee's explanation";
    fu_note: "Ghi chú, văn bản căn cứ", "Note, supporting document";
    fu_note_hint: "ví dụ: Báo cáo số 12/BC-UBND ngày 12/01/2024", "e.g. Report 12/BC-UBND of 12/01/2024";
    fu_user: "Người ghi", "Recorded by";
    fu_append_only: "Lịch sử chỉ ghi thêm: không sửa, không xóa, không hoàn tác được. Ghi nhầm thì ghi thêm một lần cập nhật để đính chính.", "The history is only added to: it cannot be edited, deleted or undone. To correct a mistake, record another update.";
    fu_record: "Ghi vào lịch sử", "Record in the history";
    fu_repeats: "Lặp lại kiến nghị của đợt {round}: {text}", "Repeats a recommendation of round {round}: {text}";
    fu_due_within: "Đến hạn trong {days} ngày", "Due within {days} days";
    rec_kind: "Loại kiến nghị", "Kind";
    rec_amount: "Số tiền", "Amount";
    repeats_label: "Lặp lại kiến nghị", "Repeats";
    repeats_none: "Không (kiến nghị mới)", "None (a new recommendation)";
    no_amount: "chưa có số tiền", "no amount stated";
    unit_trieu: "triệu đồng", "million đồng";
    vm_document: "Nhận văn bản báo cáo", "Report received";
    vm_site_visit: "Kiểm tra thực tế", "Site visit";
    vm_next_supervision: "Qua đợt giám sát sau", "At the next supervision";
    nr_addressee: "Do cơ quan được kiến nghị", "The addressee";
    nr_front: "Do Mặt trận", "The Front";
    nr_third_party: "Do bên thứ ba", "A third party";
    nr_objective: "Do điều kiện khách quan", "Objective conditions";
    fu_rate_count: "đã thực hiện {done}/{total} kiến nghị ({rate}%)", "{done} of {total} recommendations carried out ({rate}%)";
    fu_rate_amount: "{done}/{total} triệu đồng ({rate}%)", "{done} of {total} million đồng ({rate}%)";
    fu_amount_unknown: " — {n} kiến nghị tài chính chưa có số tiền", " — {n} financial recommendations state no amount";
    fu_no_year: "Chưa rõ năm", "Year unknown";
    doc_status: "Trạng thái văn bản", "Document status";
    ds_draft: "Dự thảo", "Draft";
    ds_review: "Đang trình duyệt", "Under review";
    ds_issued: "Đã ban hành ngày {date}", "Issued on {date}";
    to_review: "Trình duyệt", "Submit for review";
    back_to_draft: "Trả lại dự thảo", "Back to draft";
    issue_doc: "Ban hành", "Issue";
    new_version: "Tạo phiên bản mới để sửa", "Start a new version to edit";
    issued_readonly: "Văn bản đã ban hành: nội dung chỉ đọc. Trạng thái thực hiện và phản hồi của kiến nghị vẫn cập nhật được.", "The document is issued: its text is read-only. Recommendation status and responses can still be updated.";
    name_version: "Đặt tên phiên bản", "Name a version";
    version_name_hint: "ví dụ: bản trình Ban Thường trực", "e.g. the draft for the standing board";
    save_name: "Lưu phiên bản", "Save version";
    issued_snapshot_name: "Bản đã ban hành ngày {date}", "As issued on {date}";
    issued_copy_label: "Bản đã ban hành ngày {date}, {number}", "Issued copy of {date}, {number}";
    issued_rebuild: "Dựng lại theo số liệu hiện nay (không phải bản đã ban hành)", "Rebuilt from today's data (not the issued copy)";
    issued_rebuild_note: "Bản dựng lại có dòng “KHÔNG PHẢI BẢN ĐÃ BAN HÀNH” trên mọi trang. Bản đã ban hành vẫn giữ nguyên.", "The rebuilt copy says “NOT THE ISSUED COPY” on every page. The issued copy stays as it is.";
    issued_copy_note: "Đây là bản đã lưu lúc ban hành: lưu PDF, lưu Word và in đều cho đúng bản này, dù số liệu có thay đổi sau đó.", "This is the copy stored when it was issued: Save PDF, Save Word and Print all give exactly this copy, whatever changed in the data since.";
    issued_altered: "Bản lưu này không khớp mã SHA-256 ghi lúc ban hành: đã bị thay đổi ngoài GiamSat hoặc hỏng. Đối chiếu với bản giấy đã gửi.", "This stored copy does not match the SHA-256 recorded when it was issued: changed outside GiamSat, or damaged. Compare it with the paper copy sent.";
    issued_signer: "Người ký", "Signed by";
    issued_by: "Người ban hành", "Issued by";
    issued_pages: "Số trang", "Pages";
    issued_kept: "{copy} vẫn giữ nguyên; ban hành lại sẽ là văn bản đính chính, có số mới.", "{copy} stays as it is; issuing again makes a correction with a new number.";
    figure_changed: "Số liệu đã đổi: {arrow}", "Figure changed: {arrow}";
    figure_update: "Cập nhật", "Update";
    figure_update_all: "Cập nhật tất cả", "Update all";
    figure_update_typing: "Đang gõ trong ô này: cập nhật sau khi rời ô.", "Typing in this field: update once you leave it.";
    figures_stale: "{n} số liệu đã chèn nay khác dữ liệu: chưa tự sửa, hãy xem và bấm Cập nhật.", "Inserted figures that now differ from the data: {n}. Nothing was changed by itself; look and press Update.";
    check_button: "Kiểm tra số liệu", "Check figures";
    check_none: "Kiểm tra số liệu: không có điểm nào cần xem.", "Figure check: nothing needs a look.";
    check_title: "Kiểm tra số liệu: {n} điểm cần xem", "Figure check: {n} items need a look";
    check_line: "{text}, đoạn {paragraph}: {written} — {message}", "{text}, paragraph {paragraph}: {written} — {message}";
    check_review_anyway: "Vẫn trình duyệt", "Submit anyway";
    check_back: "Để sửa lại", "Go back and fix";
    check_close: "Đóng", "Close";
    check_issue_anyway: "Đã xem các điểm trên, vẫn ban hành (ghi vào nhật ký khóa)", "I have looked at these; issue anyway (kept in the lock log)";
    check_issue_confirm: "Kiểm tra số liệu còn điểm cần xem: sửa lại, hoặc đánh dấu “vẫn ban hành”.", "The figure check lists items: fix them, or tick “issue anyway”.";
    issue_form_title: "Ban hành văn bản của đợt", "Issue the round's documents";
    issue_number: "Số thông báo", "Notice number";
    issue_number_other: "Số văn bản", "Document number";
    issue_date: "Ngày ban hành", "Date of issue";
    issue_signer: "Người ký", "Signer";
    issue_docs: "Văn bản lưu bản đã ban hành", "Documents stored as issued";
    issue_go: "Ban hành và lưu bản đã ban hành", "Issue and store the issued copies";
    issue_need_number: "Nhập số của thông báo.", "Enter the notice's number.";
    issuing: "Đang dựng và lưu văn bản ban hành…", "Rendering and storing the issued documents…";
    issued_done: "Đã ban hành và lưu {n} văn bản.", "Issued; {n} documents stored.";
    issue_changed_meanwhile: "Dữ liệu đã thay đổi trong lúc dựng văn bản; chưa ban hành. Hãy bấm Ban hành lần nữa.", "The data changed while the documents were being rendered; nothing was issued. Press Issue again.";
    error_issue: "Không ban hành được", "Could not issue";
    drift_title: "Số liệu đã thay đổi so với văn bản đã ban hành ({n})", "Figures changed since the issued documents ({n})";
    drift_note: "Không sửa bản đã ban hành: muốn đính chính thì ban hành lại (văn bản mới có số của nó).", "The issued copy is never changed: to correct it, issue again (a new document with its own number).";
    tab_insert: "Chèn số liệu", "Insert figure";
    tab_phrases: "Câu mẫu", "Phrases";
    tab_history: "Lịch sử", "History";
    insert_explain: "Chọn địa bàn, kỳ và loại vốn; số liệu được tính từ dữ liệu đã nhập.", "Pick the area, period and kind; the figure is computed from the data.";
    insert_target_none: "Bấm vào một ô kết luận hoặc kiến nghị để chọn nơi chèn.", "Click in a conclusion or recommendation to choose where to insert.";
    insert_button: "Chèn vào văn bản", "Insert into the text";
    insert_preview: "Sẽ chèn: {text}", "Will insert: {text}";
    no_figure: "Không có số liệu cho địa bàn, kỳ và loại vốn này.", "No figure for this area, period and kind.";
    add_phrase: "Thêm câu mẫu", "Add phrase";
    new_phrase: "Câu mẫu mới", "New phrase";
    insert: "Chèn", "Insert";
    history_pick_text: "Bấm vào một ô kết luận hoặc kiến nghị để xem lịch sử của nó.", "Click in a conclusion or recommendation to see its history.";
    history_none: "Chưa có phiên bản nào của văn bản này.", "No versions of this text yet.";
    history_auto: "tự động", "automatic";
    compare: "So sánh", "Compare";
    compare_hint: "Đánh dấu A (và B) để so sánh; không chọn B thì so với văn bản hiện tại.", "Tick A (and B) to compare; without B, A is compared with the current text.";
    current_text: "Hiện tại", "Current";
    round_none_drafting: "Chưa có đợt giám sát nào. Kết luận, kiến nghị được soạn cho một đợt: thêm đợt ở đây (tên, thời gian, thành phần đoàn ghi ở Số liệu → Đợt giám sát).", "No supervision round yet. Conclusions and recommendations are drafted for a round: add one here (its title, dates and delegation go in Data → Supervision round).";
    what_recommendation_cap: "Kiến nghị", "Recommendation";
    recommendation_text_label: "Nội dung kiến nghị {n}", "Text of recommendation {n}";
    what_phrase: "câu mẫu", "phrase";
    what_version: "phiên bản", "version";
    what_draft_status: "trạng thái văn bản", "document status";

    // Follow-up and search
    col_round: "Đợt", "Round";
    col_recommendation: "Kiến nghị", "Recommendation";
    col_last_response: "Phản hồi gần nhất", "Last response";
    overdue: "quá hạn", "overdue";
    overdue_only: "Chỉ kiến nghị quá hạn", "Overdue only";
    no_deadline: "không có", "none";
    no_response: "chưa có phản hồi", "no response yet";
    empty_text: "(chưa có nội dung)", "(no text yet)";
    all_statuses: "Mọi trạng thái", "All statuses";
    all_addressees: "Mọi cơ quan", "All bodies";
    ignore_marks: "Không phân biệt dấu", "Ignore diacritics";
    follow_up_pick: "Chọn một kiến nghị để xem và ghi phản hồi.", "Pick a recommendation to see it and record responses.";
    open_in_drafting: "Mở ở màn hình kết luận, kiến nghị", "Open on the drafting screen";
    responses: "Phản hồi của cơ quan", "Responses";
    evidence: "Văn bản chứng minh", "Evidence";
    evidence_hint: "ví dụ: Báo cáo số 45/BC-UBND ngày 10/12/2023", "e.g. Report 45/BC-UBND of 10/12/2023";
    add_response: "Thêm phản hồi", "Add response";
    response_text: "Nội dung cơ quan báo cáo", "What the body reported";
    counts_title: "Số kiến nghị theo trạng thái, từng cơ quan", "Recommendations by status, per body";
    what_response: "phản hồi", "response";
    what_attachment: "tệp minh chứng", "evidence file";
    cmd_search: "Tìm trong mọi văn bản…", "Search all text…";
    search_title: "Tìm kiếm", "Search";
    search_all_label: "Tìm trong mọi văn bản", "Search all text";
    search_hits: "{count} kết quả", "{count} results";
    search_none: "Không tìm thấy.", "Nothing found.";

    // Printing
    print_doc_thong_bao: "Thông báo kết luận giám sát", "Notice of conclusions";
    print_doc_bao_cao: "Báo cáo kết quả giám sát", "Supervision report";
    print_doc_tom_tat: "Tóm tắt số liệu", "Summary of figures";
    print_doc_theo_doi: "Danh sách theo dõi kiến nghị", "Recommendation follow-up list";
    print_doc_ket_qua_theo_doi: "Báo cáo kết quả theo dõi thực hiện kiến nghị", "Report on how the recommendations were carried out";
    ds_parent: "Cơ quan chủ quản", "Parent body";
    ds_issuer: "Cơ quan ban hành", "Issuing body";
    ds_issuer_sub: "Dòng dưới cơ quan ban hành", "Line under the issuing body";
    ds_number: "Số văn bản", "Document number";
    ds_symbol: "Ký hiệu", "Symbol";
    ds_place: "Địa danh", "Place";
    ds_date: "Ngày ban hành", "Date of issue";
    ds_summary: "Trích yếu", "Summary line";
    ds_authority: "Thẩm quyền ký (TM., KT.)", "Signing authority (TM., KT.)";
    ds_signer_title: "Chức vụ người ký", "Signer's title";
    ds_signer_name: "Họ tên người ký", "Signer's name";
    ds_recipients: "Nơi nhận (mỗi dòng một nơi)", "Recipients (one per line)";
    ds_closing: "Đoạn kết", "Closing paragraph";
    prev_page: "Trang trước", "Previous page";
    next_page: "Trang sau", "Next page";
    page_of: "Trang {n}/{total}", "Page {n} of {total}";
    zoom_in: "Phóng to", "Zoom in";
    zoom_out: "Thu nhỏ", "Zoom out";
    zoom_fit: "Vừa khung", "Fit width";
    save_pdf: "Lưu PDF…", "Save PDF…";
    print_button: "In…", "Print…";
    save_word: "Lưu Word…", "Save Word…";
    printer: "Máy in", "Printer";
    print_confirm_title: "In văn bản", "Print the document";
    print_confirm_body: "In “{doc}” — {pages} trang khổ A4.", "Print “{doc}” — {pages} A4 pages.";
    print_default_printer: "mặc định", "default";
    print_copies: "Số bản", "Copies";
    print_no_printers: "Máy này chưa khai báo máy in nào. Có thể mở văn bản trong trình xem PDF để in từ đó, hoặc lưu PDF để in ở máy khác.", "This computer has no printer set up. Open the document in a PDF viewer to print it from there, or save a PDF to print on another computer.";
    print_open_viewer: "Mở bằng trình xem PDF", "Open in a PDF viewer";
    print_go: "In", "Print";
    cancel_print: "Hủy", "Cancel";
    rendering: "Đang dàn trang…", "Laying out…";
    preview_error: "Không dàn trang được", "Could not lay out the document";
    printed: "Đã gửi {copies} bản “{doc}” tới máy in {printer}", "Sent {copies} copies of “{doc}” to the printer {printer}";
    printed_one: "Đã gửi “{doc}” tới máy in {printer}", "Sent “{doc}” to the printer {printer}";
    opened_in_viewer: "Đã mở “{doc}” trong trình xem PDF — văn bản chưa được in; hãy in từ trình xem đó", "Opened “{doc}” in the PDF viewer — nothing was printed yet; print it from the viewer";
    print_error: "Không in được", "Could not print";
    file_saved: "Đã lưu {path}", "Saved {path}";
    task_printing: "Đang chuẩn bị bản in…", "Preparing the print…";
    filter_pdf: "Tài liệu PDF", "PDF document";
    filter_docx: "Tài liệu Word", "Word document";
    what_document: "thiết lập văn bản", "document settings";

    // Undo labels
    act_edit: "sửa {what}", "edit {what}";
    act_add: "thêm {what}", "add {what}";
    act_delete: "xóa {what}", "delete {what}";
    act_import: "nhập dữ liệu", "import data";
    what_dossier: "thông tin chung", "general information";
    what_program: "chương trình", "program";
    what_project: "dự án", "project";
    what_area: "địa bàn", "area";
    what_succession: "đơn vị kế thừa", "successor unit";
    what_successions: "bảng đơn vị kế thừa", "table of successor units";
    what_allocation: "số liệu vốn", "allocation";
    what_amount: "số vốn", "amount";
    what_import: "số liệu từ báo cáo", "figures from the report";
    task_reading_report: "Đang đọc {path}…", "Reading {path}…";
    imp_title: "Nhập số liệu từ báo cáo", "Import figures from a report";
    imp_sheet: "Trang tính", "Sheet";
    imp_encoding: "Bảng mã của tệp: {encoding}", "File encoding: {encoding}";
    imp_legacy: "Chữ trong tệp dùng phông cũ {encoding}; GiamSat đã chuyển sang Unicode — hãy xem lại tên đơn vị.", "The file's text uses the old {encoding} fonts; GiamSat converted it to Unicode — check the unit names.";
    imp_project: "Dự án", "Project";
    imp_parent: "Địa bàn cấp trên", "Parent area";
    imp_round: "Báo cáo trong đợt", "Reported at round";
    imp_no_round: "(không gắn đợt)", "(no round)";
    imp_round_other: "Báo cáo này đã được nhập cho {before}: số liệu đó được giữ nguyên, số liệu nhập lần này thuộc {round}.", "This report was imported for {before}: those figures are kept, the ones imported now belong to {round}.";
    imp_no_parent: "(không chọn)", "(none)";
    imp_new_parent: "{area}: chưa có, tạo mới trong {province}", "{area}: new, made in {province}";
    imp_unit: "Đơn vị tính", "Unit";
    imp_unit_unknown: "(báo cáo không ghi — hãy chọn)", "(not stated — choose one)";
    imp_use_template: "Dùng mẫu đã lưu", "Use the saved template";
    imp_save_template: "Lưu cách đọc thành mẫu", "Save this reading as a template";
    imp_template_saved: "Đã lưu mẫu vào {path}", "Template saved to {path}";
    imp_template_used: "Đã dùng mẫu đã lưu cho địa bàn này", "Used the template saved for this area";
    imp_tab_columns: "1. Cột", "1. Columns";
    imp_tab_rows: "2. Dòng", "2. Rows";
    imp_tab_cells: "3. Ô số liệu", "3. Cells";
    imp_tab_checks: "4. Đối chiếu", "4. Checks";
    imp_choose_project: "Chọn dự án của các số liệu này.", "Choose the project these figures belong to.";
    imp_header_from: "Dòng tiêu đề: từ dòng", "Header rows: from row";
    imp_header_to: "đến dòng", "to row";
    imp_read_again: "Đọc lại bảng", "Read the table again";
    imp_col_column: "Cột", "Column";
    imp_col_heading: "Tiêu đề trong báo cáo", "Heading in the report";
    imp_col_role: "Nhập thành", "Imported as";
    imp_role_name: "Tên đơn vị", "Unit names";
    imp_role_number: "Số thứ tự", "Row numbers";
    imp_role_note: "Ghi chú", "Note";
    imp_role_figure: "Số liệu vốn", "Money figures";
    imp_role_skip: "Bỏ qua", "Skip";
    imp_col_row: "Dòng", "Row";
    imp_col_text: "Tên trong báo cáo", "Name in the report";
    imp_col_becomes: "Thành", "Becomes";
    imp_skipped: "bỏ qua: {reason}", "skipped: {reason}";
    imp_office_of: "{area} (cơ quan của địa bàn)", "{area} (its own office)";
    imp_new_area: "{area} (mới)", "{area} (new)";
    imp_col_cell: "Ô", "Cell";
    imp_col_area: "Địa bàn", "Area";
    imp_col_figure: "Số liệu", "Figure";
    imp_col_value: "Giá trị ({unit})", "Value ({unit})";
    imp_totals: "Dòng tổng cộng của báo cáo", "The report's total row";
    imp_no_total_row: "Báo cáo không có dòng tổng cộng.", "The report has no total row.";
    imp_total_line: "ô {cell}: báo cáo ghi {reported}, cộng các dòng {sum}", "cell {cell}: the report says {reported}, its rows add up to {sum}";
    imp_total_unknown: "không đối chiếu được vì có ô chưa có số liệu", "cannot be checked: some cells are unknown";
    imp_total_ok: "khớp", "agrees";
    imp_total_bad: "KHÔNG KHỚP", "DOES NOT AGREE";
    imp_beside: "Số liệu hồ sơ đã có cho địa bàn cấp trên (không cộng dồn)", "The parent area's own figures in the project (not added up)";
    imp_beside_line: "{area} — {kind} {period}: {existing}; các phần nhập ({count} số liệu): {parts}", "{area} — {kind} {period}: {existing}; the imported parts ({count} figures): {parts}";
    imp_conflicts: "Trùng với số liệu đã có từ nguồn khác (giữ số liệu cũ)", "Already in the project from another source (kept)";
    imp_updates: "Cập nhật số liệu báo cáo này đã nhập lần trước", "Figures this report brought before, updated";
    imp_kept_blank: "Số liệu báo cáo này đã nhập lần trước, lần này để trống (giữ số cũ)", "Figures this report brought before, blank this time (kept)";
    imp_kept_blank_line: "dòng {row}: {kind} {period} — giữ {before}; nếu số này đã chuyển sang dòng khác, hãy xóa số cũ", "row {row}: {kind} {period} — {before} kept; if it moved to another row, delete the old figure";
    imp_warnings_after: "Cảnh báo số liệu sau khi nhập", "Data warnings after the import";
    imp_update_line: "dòng {row}: {kind} {period} — {before} → {after}", "row {row}: {kind} {period} — {before} → {after}";
    imp_conflict_line: "dòng {row}: {kind} {period} — hồ sơ: {before}; báo cáo: {after}", "row {row}: {kind} {period} — project: {before}; report: {after}";
    imp_nothing: "Không có.", "None.";
    imp_counts: "{new} số liệu mới, {updated} cập nhật, {unchanged} không đổi, {conflicts} trùng nguồn khác", "{new} new figures, {updated} updated, {unchanged} unchanged, {conflicts} already from another source";
    imp_errors: "{count} ô không đọc được — xem mục 3; chưa nhập được.", "{count} cells cannot be read — see tab 3; nothing can be imported yet.";
    imp_choose_parent: "Chọn địa bàn cấp trên (huyện, tỉnh) mà các dòng thuộc về — GiamSat sẽ khớp hoặc tạo các đơn vị trong đó.", "Choose the parent area (district, province) the rows belong to — GiamSat matches or creates the units in it.";
    imp_confirm_new_areas: "Tạo {count} địa bàn mới: {names}", "Create {count} new areas: {names}";
    imp_do_import: "Nhập {count} số liệu", "Import {count} figures";
    imported_report: "Đã nhập {count} số liệu từ {path} (một bước hoàn tác)", "Imported {count} figures from {path} (one undo step)";
    what_indicator: "chỉ tiêu", "indicator";
    what_indicator_value: "giá trị chỉ tiêu", "indicator value";
    what_round: "đợt giám sát", "supervision round";
    what_conclusion: "kết luận", "conclusion";
    what_recommendation: "kiến nghị", "recommendation";

    // What a total is made of (analysis::count)
    count_counted: "Tính vào tổng ({n}):", "Counted ({n}):";
    count_parts: "Không cộng thêm ({n}) — đã nằm trong một tổng được tính:", "Not added ({n}) — inside a total that is counted:";
    count_replaced: "Không cộng ({n}) — đợt sau đã báo cáo lại:", "Not added ({n}) — reported again at a later round:";
    count_more: "… và {n} số liệu khác", "… and {n} more";
    count_beside: "{whole} là tổng do cấp này báo cáo; các phần bên dưới cộng lại {parts}, chênh lệch {diff} — không cộng thêm:", "{whole} is the total this level reported; its parts add up to {parts}, a difference of {diff} — not added on top:";
    count_beside_partial: "{whole} là tổng do cấp này báo cáo; các phần bên dưới: {parts} — không cộng thêm:", "{whole} is the total this level reported; its parts: {parts} — not added on top:";
    count_beside_overlap: "{whole} là tổng do cấp này báo cáo; các phần bên dưới chồng lấn nhau, không cộng được:", "{whole} is the total this level reported; its parts overlap each other and cannot be added:";
    count_no_figure: "Không có số liệu nào.", "No figure.";
    withheld_parts_larger: "Không đưa ra tổng: các phần của {whole} cộng lại {parts}, lớn hơn tổng {total} mà cấp đó báo cáo — hãy kiểm tra lại số liệu.", "No total given: the parts of {whole} add up to {parts}, more than the total of {total} that level reported — check the figures.";
    withheld_parts_later: "Không đưa ra tổng: {part} được báo cáo ở {later}, sau tổng của {whole} ({earlier}) — tổng có thể đã cũ; hãy ghi lại tổng ở {later}.", "No total given: {part} was reported at {later}, after the total of {whole} ({earlier}) — the total may be out of date; record the total again at {later}.";
    withheld_levels: "Không đưa ra tổng: {a} và {b} chồng lấn nhau mà không số nào bao gồm số kia — không có quy tắc nào cho biết cộng thế nào.", "No total given: {a} and {b} overlap without one including the other — no rule says how to add them.";
    withheld_periods: "Không đưa ra tổng: {a} và {b} có kỳ chồng lấn — cộng lại sẽ tính trùng; hãy kiểm tra nguồn và sửa một trong hai.", "No total given: {a} and {b} overlap in time — adding them would count the same money twice; check the source and correct one of them.";
    withheld_short: "không cộng được", "not added";
    withheld_why_parts_larger: "Không cộng được: các phần lớn hơn tổng mà cấp trên báo cáo.", "Not added: the parts are larger than the total reported above them.";
    withheld_why_parts_later: "Không cộng được: có phần được báo cáo ở đợt sau tổng — tổng có thể đã cũ.", "Not added: a part was reported at a later round than the total — it may be out of date.";
    withheld_why_levels: "Không cộng được: hai cấp số liệu chồng lấn mà không cấp nào bao gồm cấp kia.", "Not added: two levels of figures overlap without one including the other.";
    withheld_why_periods: "Không cộng được: các kỳ chồng lấn (một tổng giai đoạn và một năm trong giai đoạn đó).", "Not added: the periods overlap (a period total and a year within it).";
    covers_total: "tổng của địa bàn", "area total";
    covers_own: "phần riêng", "own part";
    covers_own_of: "phần riêng của {area}", "own part of {area}";
    round_none: "không ghi đợt", "no round";
    col_covers: "Phạm vi", "Covers";
    data_warnings_header: "Cảnh báo số liệu ({count})", "Data warnings ({count})";
    covers_part_mark: "(đã trong tổng)", "(in a total)";
    covers_total_choice: "Tổng của địa bàn", "Area total";
    covers_own_choice: "Phần riêng", "Own part";
    chart_part_note: "{area}: số liệu nằm trong tổng của {whole} — không cộng thêm vào tổng đó.", "{area}: its figures are inside {whole}'s total — not added to it.";
    covers_part_hint: "Số liệu này đã nằm trong một tổng được tính (tổng của địa bàn cấp trên, hoặc tổng của chính địa bàn này): các tổng không cộng thêm nó.", "This figure is inside a total that is counted (the area above's total, or this area's own total): totals do not add it on top.";
    chart_records_parts: "Không cộng thêm — đã nằm trong một tổng được tính:", "Not added — inside a total that is counted:";
    chart_records_replaced: "Không cộng — đợt sau đã báo cáo lại:", "Not added — reported again at a later round:";
    warn_parts: "{area}, {project}, {kind} {period}: tổng {whole}; các phần ({parts}) cộng lại {sum}, chênh lệch {diff} — tính theo tổng, các phần không cộng thêm; hãy đối chiếu với báo cáo", "{area}, {project}, {kind} {period}: total {whole}; its parts ({parts}) add up to {sum}, a difference of {diff} — the total counts, the parts are not added on top; check against the report";
    warn_replaced: "{area}, {project}, {kind} {period}: {amount} ({round}) đã được báo cáo lại ở {by} — các tổng tính theo số của {by}", "{area}, {project}, {kind} {period}: {amount} ({round}) was reported again at {by} — totals use {by}'s figure";
    covers_hint: "Tổng của địa bàn: số địa bàn báo cáo cho cả địa bàn, gồm cả các đơn vị trực thuộc. Phần riêng: chỉ phần của riêng cấp này (ví dụ cơ quan huyện), bên cạnh phần của các xã. Tổng và các phần của nó không bao giờ bị cộng vào nhau.", "Area total: the figure an area reported for all of it, its units included. Own part: only this level's own part (a district office's, say), beside its communes'. A total and its parts are never added together.";

    // Team server
    cmd_open_server: "Mở từ máy chủ…", "Open from server…";
    read_only_server_reader: "Bạn ({user}) chỉ có quyền xem dự án này trên máy chủ; thay đổi của người khác vẫn hiện ngay khi họ ghi.", "You ({user}) may only read this project on the server; others' changes still show as they are made.";
    read_only_server_refused: "Máy chủ không nhận thay đổi: {detail}. Thay đổi đó và các thay đổi sau vẫn được giữ trong bản sao trên máy này.", "The server refused a change: {detail}. It and the changes after it are kept in this computer's copy.";
    server_offline: "Mất kết nối với máy chủ ({detail}). {n} thay đổi đang chờ gửi — đã lưu trên máy này và sẽ được gửi khi máy chủ trở lại, qua cùng bước kiểm tra phiên bản. Cứ tiếp tục làm việc.", "The connection to the server is lost ({detail}). {n} changes wait to be sent — kept on this computer, and sent through the same version checks when the server is back. You can keep working.";
    server_offline_none: "Mất kết nối với máy chủ ({detail}). Không có thay đổi nào đang chờ gửi; GiamSat tự kết nối lại. Cứ tiếp tục làm việc: thay đổi mới được lưu trên máy này và gửi khi máy chủ trở lại.", "The connection to the server is lost ({detail}). No changes are waiting; GiamSat reconnects by itself. You can keep working: new changes are kept on this computer and sent when the server is back.";
    server_connecting: "Đang kết nối máy chủ {server}…", "Connecting to the server {server}…";
    status_saved_here: "Đã lưu trên máy này", "Saved on this computer";
    status_server_connecting: "Máy chủ: đang kết nối…", "Server: connecting…";
    server_needs_project: "Địa chỉ {address} chưa nói mở dự án nào: thêm ?project=MÃ (người quản trị xem mã bằng “giamsat server list”).", "The address {address} does not say which project to open: add ?project=ID (the administrator finds it with “giamsat server list”).";
    status_server_synced: "Máy chủ: đã đồng bộ", "Server: up to date";
    status_server_waiting: "Máy chủ: đang gửi {n} thay đổi", "Server: sending {n} changes";
    status_server_offline: "Máy chủ: mất kết nối, {n} thay đổi chờ gửi", "Server: offline, {n} changes waiting";
    status_server_held: "Máy chủ: chờ bạn chọn giữa hai bản", "Server: waiting for your choice between two versions";
    status_remote_line: "{time} {by}: {what}", "{time} {by}: {what}";
    conflict_title: "Người khác đã sửa cùng chỗ", "Someone else changed the same records";
    conflict_intro: "Thay đổi “{change}” của bạn chưa được ghi lên máy chủ vì {n} bản ghi đã được người khác sửa trước. Chọn giữ bản nào cho từng trường; các thay đổi sau của bạn chờ đến khi chọn xong.", "Your change “{change}” is not on the server yet: someone changed {n} of its records first. Choose which to keep, field by field; your later changes wait until you have chosen.";
    conflict_changed_by: "{what} — {by} sửa lúc {time}", "{what} — changed by {by} at {time}";
    conflict_deleted: "{what} — người khác đã xóa bản ghi này", "{what} — someone else deleted this record";
    conflict_clash: "{what} — người khác vừa thêm một bản ghi mang cùng mã", "{what} — someone else just added a record with the same number";
    conflict_mine_deleted: "{what} — bạn đã xóa bản ghi này, người khác vừa sửa nó", "{what} — you deleted this record, someone else just changed it";
    col_field: "Trường", "Field";
    conflict_clash_note: "Hai người cùng thêm bản ghi mới vào một lúc nên trùng mã. Bản ghi của người khác được giữ; bản ghi của bạn chưa được ghi lên máy chủ — hãy thêm lại sau khi ghi lựa chọn.", "Two people added a new record at the same moment under the same number. Theirs is kept; yours is not on the server — add it again once you have saved your choices.";
    server_already_open: "Dự án {address} đang mở trong cửa sổ này.", "The project {address} is open in this window already.";
    saved_on_server: "Dự án trên máy chủ được lưu trên máy này và gửi lên máy chủ ngay khi gõ; không cần Lưu. “Lưu thành…” sẽ tách dự án thành một tệp riêng, không còn nối với máy chủ.", "A project on the server is saved on this computer and sent to the server as you type; there is no need to Save. “Save as…” makes it a file of its own, no longer linked to the server.";
    someone_editing: "Anh/Chị {who} đang sửa mục này", "{who} is editing this";
    conflict_only_mine: "chỉ bạn sửa", "changed by you only";
    conflict_only_theirs: "chỉ người khác sửa", "changed by them only";
    field_text: "Nội dung", "Text";
    field_deadline: "Thời hạn", "Deadline";
    field_status: "Trạng thái", "Status";
    field_addressees: "Gửi đến", "Addressed to";
    field_priority: "Mức ưu tiên", "Priority";
    field_kind: "Loại", "Kind";
    field_amount: "Số tiền (đồng)", "Amount (đồng)";
    field_name: "Tên", "Name";
    field_position: "Thứ tự", "Order";
    none_value: "(không có)", "(none)";
    col_was: "Lúc đầu", "As it was";
    col_theirs: "Của người khác", "Theirs";
    col_mine: "Của tôi", "Mine";
    conflict_keep_theirs_all: "Giữ hết của người khác", "Keep all of theirs";
    conflict_keep_mine_all: "Giữ hết của tôi", "Keep all of mine";
    conflict_apply: "Ghi theo lựa chọn", "Save my choices";
    conflict_whole_mine: "Giữ của tôi", "Keep mine";
    conflict_whole_theirs: "Theo máy chủ", "As on the server";
    conflict_resolved: "Đã ghi lựa chọn; thay đổi được gửi lại lên máy chủ.", "Choices saved; the change goes to the server again.";
    server_dialog_title: "Mở dự án từ máy chủ", "Open a project from the server";
    server_address: "Địa chỉ", "Address";
    server_address_hint: "postgres://người.dùng@máy-chủ/giamsat?project=1", "postgres://user@server/giamsat?project=1";
    server_password: "Mật khẩu", "Password";
    server_password_note: "Mật khẩu không được lưu: GiamSat chỉ nhớ địa chỉ máy chủ.", "The password is never saved: GiamSat remembers only the server's address.";
    server_recent: "Máy chủ đã dùng:", "Servers used before:";
    server_open: "Mở", "Open";
    task_opening_server: "Đang mở dự án từ máy chủ {server}…", "Opening the project from the server {server}…";
    error_open_server: "Không mở được dự án từ máy chủ", "Could not open the project from the server";
    server_set_aside: "Bản sao cũ trên máy này không dùng tiếp được ({why}); đã để riêng tại {path}.", "This computer's earlier copy could not be used ({why}); it was set aside at {path}.";
    server_refused: "Máy chủ không nhận thay đổi", "The server refused a change";
    server_title: "máy chủ", "server";
    pending_change_label: "thay đổi làm trên máy này khi chưa gửi được lên máy chủ", "changes made on this computer while they could not be sent";
    what_funding_source: "nguồn vốn", "funding source";
    what_event: "lần cập nhật theo dõi", "follow-up entry";
    what_round_event: "lần khóa/mở khóa đợt", "round lock entry";
    what_issued_document: "văn bản đã ban hành", "issued document";
    server_login_as: "Đăng nhập với tên “{user}” — để dùng tên khác, viết nó vào địa chỉ: postgres://TÊN@máy-chủ/…", "Logging in as “{user}” — for another name, put it in the address: postgres://NAME@server/…";
    new_project_title: "Tạo dự án giám sát mới", "New supervision project";
    new_dossier_name: "Tên hồ sơ", "Name";
    new_project_name_hint: "Giám sát thực hiện Dự án 7 tại huyện …", "Supervision of Project 7 in …";
    new_project_province: "Tỉnh, thành phố", "Province";
    new_project_pick: "Chọn…", "Pick…";
    new_project_in: "Các huyện, xã nhập từ báo cáo được tạo trong {province}.", "Districts and communes imported from reports are made in {province}.";
    new_project_no_province: "Chưa ghi tỉnh: nhập báo cáo của huyện, xã sẽ cần tỉnh — ghi vào đây, hoặc thêm sau ở Số liệu → Địa bàn.", "No province yet: importing a district's report needs one — type it here, or add it later in Data → Areas.";
    new_project_catalogue: "Dự án có sẵn Chương trình MTQG giảm nghèo bền vững 2021–2025 với các dự án, tiểu dự án, và thư viện câu mẫu.", "The project comes with the national program for sustainable poverty reduction 2021–2025, its projects and sub-projects, and the phrase library.";
    new_project_create: "Tạo", "Create";
    fu_summary: "Tỷ lệ thực hiện và biểu đồ trạng thái", "Implementation rates and status chart";
    guide_title: "Hướng dẫn sử dụng GiamSat", "GiamSat user guide";
    guide_subtitle: "Giám sát việc thực hiện chương trình, dự án — dành cho cán bộ Ủy ban MTTQ Việt Nam tỉnh, thành phố", "Supervising how State programs are carried out — for the staff of the Vietnam Fatherland Front's provincial committees";
    guide_contents: "Mục lục", "Contents";
    cmd_guide: "Hướng dẫn sử dụng", "User guide";
    guide_search: "Tìm trong hướng dẫn", "Search the guide";
    guide_no_match: "Không thấy “{query}” trong hướng dẫn.", "“{query}” is not in the guide.";
    guide_open: "Xem hướng dẫn: {chapter}", "See the guide: {chapter}";
    empty_charts: "Chưa có số liệu nào để vẽ. Nhập báo cáo của các huyện, xã: Tệp → Nhập số liệu từ Excel/CSV… (hoặc kéo tệp báo cáo thả vào cửa sổ).", "There are no figures to chart yet. Bring in the districts' reports: File → Import figures from Excel/CSV… (or drop a report on the window).";
    empty_follow_up: "Chưa có kiến nghị nào để theo dõi. Kiến nghị được soạn ở trang Kết luận, kiến nghị; sau khi ban hành, việc thực hiện từng kiến nghị được theo dõi ở đây.", "There are no recommendations to follow up yet. They are drafted on the Drafting screen; once issued, how each is carried out is followed here.";
    empty_allocations: "Chưa có số liệu nào. Nhập báo cáo của các huyện, xã: Tệp → Nhập số liệu từ Excel/CSV… (hoặc kéo tệp báo cáo thả vào cửa sổ), hoặc thêm từng dòng ở bảng dưới.", "No figures yet. Bring in the districts' reports: File → Import figures from Excel/CSV… (or drop a report on the window), or add rows one by one in the table below.";
    cmd_check_in: "Đưa bản sao lên máy chủ…", "Check in to the server…";
    check_in_title: "Đưa bản sao trở lại máy chủ", "Check this copy back in to the server";
    check_in_intro: "Tệp này là bản sao của dự án {project} trên {server}, lấy về đến thay đổi số {seq}. Những gì đã sửa trên bản sao được gửi lên qua cùng bước kiểm tra phiên bản; chỗ nào người khác cũng đã sửa, GiamSat hỏi anh/chị chọn từng trường. Sau đó tệp được cập nhật theo máy chủ và cửa sổ làm việc trực tiếp trên máy chủ.", "This file is a copy of project {project} on {server}, pulled up to change {seq}. What was changed in the copy is sent through the same version checks; wherever someone else changed the same records, GiamSat asks you to choose, field by field. The file is then brought up to date with the server and the window works on the server.";
    check_in_not_copy: "Tệp đang mở không phải bản sao lấy từ máy chủ.", "The open file is not a copy pulled from a server.";
    check_in_not_now: "Tệp đang mở chỉ đọc hoặc còn thay đổi chưa ghi được; hãy xử lý trước khi đưa lên máy chủ.", "The open file is read-only or has changes not yet written; settle that before checking it in.";
    check_in_short: "Đưa lên máy chủ…", "Check in…";
    check_in_button: "Đưa lên", "Check in";
    task_checking_in: "Đang đưa bản sao {path} lên máy chủ…", "Checking {path} in to the server…";
    check_in_sending: "Đang gửi {n} bản ghi đã sửa trên bản sao lên máy chủ; chỗ nào người khác cũng đã sửa sẽ hỏi anh/chị chọn.", "Sending the {n} records changed in the copy to the server; where someone else changed the same records you will be asked to choose.";
    check_in_nothing: "Bản sao không có gì khác với lúc lấy về; tệp đã được cập nhật theo máy chủ.", "The copy holds nothing beyond what was pulled; the file is now up to date with the server.";
    check_in_failed: "Chưa đưa được bản sao lên máy chủ; tệp vẫn giữ mọi thay đổi và đã được mở lại.", "The copy was not checked in; the file keeps every change and has been opened again.";
    check_in_failed_not_reopened: "Chưa đưa được bản sao lên máy chủ, và chưa mở lại được tệp {path}; tệp vẫn giữ mọi thay đổi, hãy mở lại nó.", "The copy was not checked in, and the file {path} could not be opened again; it keeps every change: open it again.";
    status_pulled_copy: "Bản sao của dự án {project} trên máy chủ (đến thay đổi số {seq})", "Copy of project {project} on the server (up to change {seq})";

    // Field errors
    err_required: "không được để trống", "must not be empty";
    err_year: "năm phải là số từ 1990 đến 2100", "a year must be a number from 1990 to 2100";
    err_date: "ngày phải viết dạng dd/mm/yyyy, năm từ 1990 đến 2100", "write the date as dd/mm/yyyy, year 1990–2100";
    err_month: "tháng phải viết dạng mm/yyyy", "write the month as mm/yyyy";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut out: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name.to_string()))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn every_text_exists_in_both_languages_with_the_same_placeholders() {
        for (key, vi, en) in ALL_TEXTS {
            assert!(!vi.trim().is_empty(), "Vietnamese text missing for {key}");
            assert!(!en.trim().is_empty(), "English text missing for {key}");
            assert_eq!(
                placeholders(vi),
                placeholders(en),
                "placeholders differ for {key}"
            );
        }
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill(EN.undo_named, &[("action", "edit amount")]),
            "Undo: edit amount"
        );
        assert_eq!(
            fill(VI.rows_shown, &[("shown", "3"), ("total", "4")]),
            "3 / 4 dòng"
        );
    }
}
