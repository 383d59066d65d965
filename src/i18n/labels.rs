//! What each kind, status and choice of the model is called in the user's language: one place
//! for every `*_label`, so the screens, the charts, the print-out and the command line name a
//! thing the same way. Only the model's types are named here (this module sits below every
//! other layer); the import wizard names its column roles itself.

use super::{Lang, Texts};
use crate::model::*;

pub fn area_label(a: &Area, lang: Lang) -> String {
    a.full_name(lang)
}

pub fn area_kind_label(k: AreaKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => k.label_vi(),
        Lang::En => k.label_en(),
    }
}

pub fn allocation_kind_label(k: AllocationKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => k.label_vi(),
        Lang::En => k.label_en(),
    }
}

pub fn project_label(p: &Project, lang: Lang) -> String {
    p.short_label(lang)
}

pub fn covers_label(c: Covers, lang: Lang) -> &'static str {
    let t = lang.texts();
    match c {
        Covers::Total => t.covers_total_choice,
        Covers::Own => t.covers_own_choice,
    }
}

pub fn unit_label(u: MoneyUnit, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => u.label_vi(),
        Lang::En => u.label_en(),
    }
}

pub fn conclusion_kind_label(k: ConclusionKind, t: &Texts) -> &'static str {
    match k {
        ConclusionKind::Strength => t.ck_strength,
        ConclusionKind::Shortcoming => t.ck_shortcoming,
        ConclusionKind::Cause => t.ck_cause,
        ConclusionKind::Overall => t.ck_overall,
    }
}

pub fn status_label(s: RecommendationStatus, t: &Texts) -> &'static str {
    match s {
        RecommendationStatus::Open => t.rs_open,
        RecommendationStatus::InProgress => t.rs_in_progress,
        RecommendationStatus::Reported => t.rs_reported,
        RecommendationStatus::PartlyDone => t.rs_partly_done,
        RecommendationStatus::Done => t.rs_done,
        RecommendationStatus::Closed => t.rs_closed,
        RecommendationStatus::NotAccepted => t.rs_not_accepted,
    }
}

pub fn priority_label(p: Priority, t: &Texts) -> &'static str {
    match p {
        Priority::High => t.priority_high,
        Priority::Normal => t.priority_normal,
        Priority::Low => t.priority_low,
    }
}

pub fn recommendation_kind_label(k: RecommendationKind, t: &Texts) -> &'static str {
    match k {
        RecommendationKind::Financial => t.rk_financial,
        RecommendationKind::Policy => t.rk_policy,
        RecommendationKind::Organisation => t.rk_organisation,
        RecommendationKind::Other => t.rk_other,
    }
}

pub fn grouping_label(g: Grouping, t: &Texts) -> &'static str {
    match g {
        Grouping::Addressee => t.fu_by_addressee,
        Grouping::Round => t.fu_by_round,
        Grouping::Year => t.fu_by_year,
        Grouping::Kind => t.fu_by_kind,
    }
}

pub fn method_label(m: VerifyMethod, t: &Texts) -> &'static str {
    match m {
        VerifyMethod::Document => t.vm_document,
        VerifyMethod::SiteVisit => t.vm_site_visit,
        VerifyMethod::NextSupervision => t.vm_next_supervision,
    }
}

pub fn reason_label(r: NotDoneReason, t: &Texts) -> &'static str {
    match r {
        NotDoneReason::Addressee => t.nr_addressee,
        NotDoneReason::Front => t.nr_front,
        NotDoneReason::ThirdParty => t.nr_third_party,
        NotDoneReason::Objective => t.nr_objective,
    }
}

pub fn doc_label(k: DocKind, t: &Texts) -> &'static str {
    match k {
        DocKind::ThongBao => t.print_doc_thong_bao,
        DocKind::BaoCao => t.print_doc_bao_cao,
        DocKind::TomTat => t.print_doc_tom_tat,
        DocKind::TheoDoi => t.print_doc_theo_doi,
        DocKind::KetQuaTheoDoi => t.print_doc_ket_qua_theo_doi,
    }
}
