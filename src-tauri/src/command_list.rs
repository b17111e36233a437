// Every command the webview may call, once. `build.rs` declares them in the app manifest
// (each gets an `allow-…` permission), `lib.rs` registers them with the invoke handler and
// the TypeScript bindings, and grants the window exactly them at start-up: adding a command
// here is the one edit that makes it callable.
//
// `with_commands!(then)` calls the macro `then` with the list as `module::command, …`.
macro_rules! with_commands {
    ($then:ident) => {
        $then! {
            vault::ready,
            vault::app_info,
            vault::passphrase_strength,
            vault::create_vault,
            vault::unlock_vault,
            vault::recover_vault,
            vault::lock_vault,
            vault::touch,
            vault::change_passphrase,
            vault::rekey_vault,
            vault::backup_vault,
            vault::restore_vault,
            vault::choose_new_vault_path,
            vault::choose_vault_to_open,
            vault::save_emergency_sheet,
            vault::set_prefs,
            drafts::check_draft,
            profile::get_profile,
            profile::save_profile,
            profile::compute_gpa,
            agenda::agenda,
            agenda::save_agenda_ics,
            cv::preview_cv,
            cv::save_cv_pdf,
            letters::cover_letter_text,
            letters::save_cover_letter,
            letters::save_cover_letter_pdf,
            documents::list_documents,
            documents::add_document,
            documents::open_document,
            documents::save_document_copy,
            documents::remove_document,
            applications::list_applications,
            applications::application_pipeline,
            applications::get_application,
            applications::add_application,
            applications::update_application,
            applications::move_application,
            applications::undo_move_application,
            applications::open_job_link,
            applications::delete_application,
            imports::preview_import,
            imports::confirm_import,
            imports::export_all,
            imports::export_json_resume,
            sharing::list_recipients,
            sharing::add_recipient_file,
            sharing::add_recipient_url,
            sharing::send_share,
            sharing::show_in_folder,
            requests::open_email,
            requests::save_letter,
            requests::send_notice,
            sharing::preview_share,
            sharing::save_share,
            sharing::get_ledger,
            sharing::list_shares,
            sharing::recipient_holdings,
            sharing::create_employer_vault,
            sharing::save_employer_card,
            sharing::import_bundle,
            sharing::list_candidates,
            candidates::save_received_entry,
            candidates::invite_candidate,
            candidates::delete_candidate,
            requests::send_request,
            requests::list_requests,
            requests::import_answer_file,
            requests::request_complaint,
            requests::answer_notice_file,
            requests::list_notices,
            requests::import_invitation_file,
            requests::list_invitations,
            requests::save_reveal,
        }
    };
}

/// The commands' names, as the webview invokes them.
macro_rules! command_names {
    ($($module:ident::$command:ident),* $(,)?) => {
        &[$(stringify!($command)),*]
    };
}

pub const COMMANDS: &[&str] = with_commands!(command_names);
