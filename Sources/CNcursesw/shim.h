/*
 * Makes ncursesw usable from Swift 6.
 *
 * - NCURSES_WIDECHAR must be defined before curses.h, otherwise cchar_t,
 *   setcchar, wget_wch... are invisible (SwiftPM drops pkg-config's
 *   -D_XOPEN_SOURCE).
 * - Attribute and mouse masks expand through function-like macros Swift cannot
 *   import, so they are re-exported as static const values.
 * - Swift 6 rejects reading C globals (stdscr, COLORS, stdout...), so they are
 *   wrapped in inline getters.
 */
#ifndef EXHIBIT_CNCURSESW_SHIM_H
#define EXHIBIT_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#include <stdio.h>
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static const attr_t SHIM_A_NORMAL = A_NORMAL;
static const attr_t SHIM_A_BOLD = A_BOLD;
static const attr_t SHIM_A_DIM = A_DIM;
static const attr_t SHIM_A_ITALIC = A_ITALIC;
static const attr_t SHIM_A_UNDERLINE = A_UNDERLINE;
static const attr_t SHIM_A_REVERSE = A_REVERSE;

static const mmask_t SHIM_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t SHIM_BUTTON1_RELEASED = BUTTON1_RELEASED;
static const mmask_t SHIM_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t SHIM_BUTTON2_PRESSED = BUTTON2_PRESSED;
static const mmask_t SHIM_BUTTON3_PRESSED = BUTTON3_PRESSED;
static const mmask_t SHIM_BUTTON4_PRESSED = BUTTON4_PRESSED;
static const mmask_t SHIM_BUTTON5_PRESSED = BUTTON5_PRESSED;
static const mmask_t SHIM_BUTTON_SHIFT = BUTTON_SHIFT;
static const mmask_t SHIM_BUTTON_CTRL = BUTTON_CTRL;
static const mmask_t SHIM_BUTTON_ALT = BUTTON_ALT;

/* Number of wide characters one cchar_t holds (one spacing + marks). */
static const int SHIM_CCHARW_MAX = CCHARW_MAX;

static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }
static inline int shim_key_f(int n) { return KEY_F(n); }

/* newterm on the process's stdio (Swift 6 cannot read stdout/stdin). */
static inline SCREEN *shim_newterm_stdio(const char *term) {
    return newterm(term, stdout, stdin);
}

/* newterm on a FILE* opened from a file descriptor (e.g. /dev/tty). */
static inline SCREEN *shim_newterm_fd(const char *term, int fd, FILE **file_out) {
    FILE *f = fdopen(fd, "r+");
    if (!f) return NULL;
    *file_out = f;
    return newterm(term, f, f);
}

/* glibc declares wcwidth only under _XOPEN_SOURCE; tests compare against it. */
extern int wcwidth(wchar_t);

/* TIOCGWINSZ through the variadic ioctl; returns 0 on success. */
static inline int shim_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/* tigetstr returns (char *)-1 for a capability that is not a string. */
static inline const char *shim_tigetstr(const char *cap) {
    char *s = tigetstr(cap);
    if (s == (char *)-1) return NULL;
    return s;
}

#endif
