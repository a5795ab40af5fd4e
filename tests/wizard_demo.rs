//! Demo mode: on the code step the wizard asks the demo emulator's hook for the code an app
//! would show now, once on arrival and on every tick, and shows its answer. Outside demo mode
//! nothing is asked.

use cognito_mfa::secret::Sensitive;
use cognito_mfa::wizard::msg::{Association, DemoShown, UserInfo};
use cognito_mfa::wizard::state::{Settings, Step, Wizard};
use cognito_mfa::wizard::view::{Theme, render};
use cognito_mfa::wizard::{Cmd, Key, Msg, Start, init, press, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const T0: u64 = 1_700_000_000;

fn at_scan(demo: bool) -> Wizard {
    let settings = Settings {
        demo,
        ..Settings::default()
    };
    let (mut w, _) = init(settings, Start::AccessToken(Sensitive::new("token")));
    let user = UserInfo {
        username: "demo".into(),
        ..UserInfo::default()
    };
    update(&mut w, Msg::UserLoaded(Ok(user)));
    update(
        &mut w,
        Msg::Associated(Ok(Association {
            secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP".into(),
            session: None,
            at: T0,
        })),
    );
    assert!(matches!(w.step, Step::Scan(_)));
    w
}

fn ask() -> Vec<Cmd> {
    vec![Cmd::DemoCode {
        username: "demo".into(),
    }]
}

fn screen(w: &Wizard) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| render(f, w, Theme::plain())).unwrap();
    let buf = terminal.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_code_step_asks_the_hook_on_arrival_and_every_tick() {
    let mut w = at_scan(true);
    assert_eq!(press(&mut w, Key::Enter).cmds, ask());
    assert!(w.wants_ticks(), "the demo code changes: the timer runs");
    assert_eq!(update(&mut w, Msg::Tick(T0 + 1)).cmds, ask());
}

#[test]
fn the_hooks_answer_is_shown_and_replaced() {
    let mut w = at_scan(true);
    press(&mut w, Key::Enter);
    assert!(
        !screen(&w).contains("an app would show"),
        "nothing before the answer"
    );
    let shown = |code: &str, left| {
        Msg::DemoCode(Some(DemoShown {
            code: Sensitive::new(code),
            seconds_left: left,
        }))
    };
    assert!(update(&mut w, shown("123456", 12)).cmds.is_empty());
    assert!(screen(&w).contains("Demo: an app would show 123456 now (12 s left)."));
    update(&mut w, shown("654321", 30));
    let text = screen(&w);
    assert!(
        text.contains("654321 now (30 s left)") && !text.contains("123456"),
        "{text}"
    );
    update(&mut w, Msg::DemoCode(None));
    assert!(!screen(&w).contains("an app would show"));
}

#[test]
fn outside_demo_mode_nothing_is_asked() {
    let mut w = at_scan(false);
    assert!(press(&mut w, Key::Enter).cmds.is_empty());
    assert!(
        !w.wants_ticks(),
        "no countdown in the access-token flow: no timer"
    );
    assert!(update(&mut w, Msg::Tick(T0 + 1)).cmds.is_empty());
}
