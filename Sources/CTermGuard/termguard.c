#define _GNU_SOURCE
#include "termguard.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <signal.h>
#include <string.h>
#include <pthread.h>
#include <termios.h>
#include <unistd.h>

#define TG_RESET_MAX 4096
#define TG_MAX_SIG 65

static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
#define TG_NCRASH (int)(sizeof crash_signals / sizeof crash_signals[0])

static int tg_fd = -1;
static struct termios tg_saved;
static char tg_reset[TG_RESET_MAX];
static volatile size_t tg_reset_len = 0;
static struct sigaction tg_previous[TG_NCRASH];
static volatile sig_atomic_t tg_armed = 0;
static volatile sig_atomic_t tg_restored = 0;

static void write_all(int fd, const char *p, size_t len) {
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) { if (errno == EINTR) continue; return; }
        p += w;
        len -= (size_t)w;
    }
}

/* stderr captured while curses owns the screen (see termguard_capture_stderr). */
static volatile int tg_stderr_saved = -1;
static volatile int tg_stderr_capture = -1;

#define TG_REPLAY_MAX 65536

/* Puts the real stderr back and replays what was captured (the last 64 KiB).
   Async-signal-safe: dup2, lseek, read, write, close only. */
static void release_stderr(void) {
    int saved = tg_stderr_saved, capture = tg_stderr_capture;
    if (saved < 0 || capture < 0) return;
    tg_stderr_saved = -1;
    tg_stderr_capture = -1;
    dup2(saved, 2);
    close(saved);
    off_t end = lseek(capture, 0, SEEK_END);
    if (end > 0) {
        off_t start = end > TG_REPLAY_MAX ? end - TG_REPLAY_MAX : 0;
        lseek(capture, start, SEEK_SET);
        char buf[4096];
        ssize_t n;
        while ((n = read(capture, buf, sizeof buf)) > 0) write_all(2, buf, (size_t)n);
    }
    close(capture);
}

static int crash_index(int sig) {
    for (int i = 0; i < TG_NCRASH; i++) if (crash_signals[i] == sig) return i;
    return -1;
}

static void restore_terminal(void) {
    /* Only once: a second fault inside the handler must not loop. */
    if (tg_restored || tg_fd < 0) return;
    tg_restored = 1;
    if (tg_reset_len > 0) write_all(tg_fd, tg_reset, tg_reset_len);
    tcsetattr(tg_fd, TCSANOW, &tg_saved);
    /* The runtime's "Fatal error: ..." went to the captured stderr while the
       alternate screen was up; show it now, before the backtracer runs. */
    release_stderr();
}

static void crash_handler(int sig, siginfo_t *info, void *context) {
    int saved_errno = errno;
    restore_terminal();
    int i = crash_index(sig);
    struct sigaction prev = i >= 0 ? tg_previous[i] : (struct sigaction){ .sa_handler = SIG_DFL };
    /* Put the previous handler back so a re-fault goes straight to it. */
    sigaction(sig, &prev, NULL);
    errno = saved_errno;
    if (prev.sa_flags & SA_SIGINFO) {
        if (prev.sa_sigaction) { prev.sa_sigaction(sig, info, context); return; }
    } else if (prev.sa_handler != SIG_DFL && prev.sa_handler != SIG_IGN) {
        prev.sa_handler(sig);
        return;
    }
    /* Default action: ignoring a fault would loop forever, so reset to SIG_DFL
       and re-raise; the signal is blocked here and is delivered on return. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
}

static int copy_reset(const char *reset, size_t len) {
    if (len > TG_RESET_MAX) return -1;
    tg_reset_len = 0; /* a handler running now writes nothing half-copied */
    if (len > 0) memcpy(tg_reset, reset, len);
    tg_reset_len = len;
    return 0;
}

int termguard_arm(int fd, const char *reset, size_t reset_len) {
    if (tcgetattr(fd, &tg_saved) != 0) return -1;
    if (copy_reset(reset, reset_len) != 0) return -1;
    tg_fd = fd;
    tg_restored = 0;
    if (tg_armed) return 0;
    for (int i = 0; i < TG_NCRASH; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = crash_handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&sa.sa_mask);
        sigaction(crash_signals[i], &sa, &tg_previous[i]);
    }
    tg_armed = 1;
    return 0;
}

int termguard_set_reset(const char *reset, size_t reset_len) {
    return copy_reset(reset, reset_len);
}

void termguard_restore_now(void) {
    if (tg_fd >= 0) tcsetattr(tg_fd, TCSANOW, &tg_saved);
}

void termguard_disarm(void) {
    if (!tg_armed) return;
    for (int i = 0; i < TG_NCRASH; i++) sigaction(crash_signals[i], &tg_previous[i], NULL);
    tg_armed = 0;
}

/* ---- signal self-pipe ---- */

static volatile int tg_signal_fd = -1;
static struct sigaction tg_signal_previous[TG_MAX_SIG];
static unsigned char tg_signal_caught[TG_MAX_SIG];
/* Dispositions found before termguard_ignore_signals(), restored at release. */
static struct sigaction tg_signal_original[TG_MAX_SIG];
static unsigned char tg_signal_saved[TG_MAX_SIG];

static void pipe_handler(int sig) {
    int saved_errno = errno;
    unsigned char byte = (unsigned char)sig;
    int fd = tg_signal_fd;
    if (fd >= 0) (void)!write(fd, &byte, 1);
    errno = saved_errno;
}

int termguard_catch_signals(int write_fd, const int *signals, int n) {
    tg_signal_fd = write_fd;
    for (int i = 0; i < n; i++) {
        int sig = signals[i];
        if (sig <= 0 || sig >= TG_MAX_SIG) return -1;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = pipe_handler;
        sa.sa_flags = 0; /* no SA_RESTART: poll() must return EINTR */
        sigemptyset(&sa.sa_mask);
        if (sigaction(sig, &sa, &tg_signal_previous[sig]) != 0) return -1;
        tg_signal_caught[sig] = 1;
    }
    return 0;
}

void termguard_release_signals(void) {
    for (int sig = 1; sig < TG_MAX_SIG; sig++) {
        if (tg_signal_saved[sig]) {
            sigaction(sig, &tg_signal_original[sig], NULL);
        } else if (tg_signal_caught[sig]) {
            sigaction(sig, &tg_signal_previous[sig], NULL);
        }
        tg_signal_saved[sig] = 0;
        tg_signal_caught[sig] = 0;
    }
    tg_signal_fd = -1;
}

void termguard_ignore_signals(const int *signals, int n) {
    for (int i = 0; i < n; i++) {
        int sig = signals[i];
        if (sig <= 0 || sig >= TG_MAX_SIG) continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_IGN;
        sigemptyset(&sa.sa_mask);
        struct sigaction old;
        if (sigaction(sig, &sa, &old) == 0 && !tg_signal_saved[sig]) {
            tg_signal_original[sig] = old;
            tg_signal_saved[sig] = 1;
        }
    }
}

int termguard_unblock_signals(const int *signals, int n) {
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < n; i++) {
        if (signals[i] > 0 && signals[i] < TG_MAX_SIG) sigaddset(&set, signals[i]);
    }
    return pthread_sigmask(SIG_UNBLOCK, &set, NULL) == 0 ? 0 : -1;
}

int termguard_pipe(int fds[2]) {
    return pipe2(fds, O_NONBLOCK | O_CLOEXEC);
}

int termguard_capture_stderr(void) {
    if (tg_stderr_capture >= 0) return 0;
    if (!isatty(2)) return 0; /* a redirected stderr cannot hurt the screen */
    int capture = memfd_create("exhibit-stderr", MFD_CLOEXEC);
    if (capture < 0) return -1;
    int saved = fcntl(2, F_DUPFD_CLOEXEC, 3);
    if (saved < 0) { close(capture); return -1; }
    if (dup2(capture, 2) < 0) { close(capture); close(saved); return -1; }
    tg_stderr_saved = saved;
    tg_stderr_capture = capture;
    return 0;
}

void termguard_release_stderr(void) {
    release_stderr();
}
