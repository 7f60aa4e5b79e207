// Keep a console window from opening behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    signin_doctor_app::run();
}
