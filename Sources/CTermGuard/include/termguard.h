#ifndef EXHIBIT_TERMGUARD_H
#define EXHIBIT_TERMGUARD_H

#include <stddef.h>

/*
 * Crash-time terminal restore.
 *
 * termguard_arm() saves the terminal mode of `fd` (call it before curses
 * changes the mode) and copies `reset` (e.g. rmcup + sgr0 + cnorm + mouse off).
 * On SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT or SIGFPE the handler restores
 * the mode and writes the reset string, using only async-signal-safe calls,
 * then hands the signal to the handler that was installed before (the Swift
 * backtracer) or to the default action. Returns 0, or -1 if the mode could
 * not be read or the reset string is too long (4096 bytes at most).
 */
int termguard_arm(int fd, const char *reset, size_t reset_len);

/* Replaces the reset string (e.g. once terminfo is known). Same limits. */
int termguard_set_reset(const char *reset, size_t reset_len);

/* Puts the saved terminal mode back now (normal exit path). */
void termguard_restore_now(void);

/* Uninstalls the crash handlers (the previous ones come back). */
void termguard_disarm(void);

/*
 * Signal self-pipe: each of `signals` (count `n`) is caught by a handler that
 * writes the signal number as one byte to `write_fd` (non-blocking), so a
 * poll() loop sees it. Installed without SA_RESTART so poll() wakes with EINTR.
 * Returns 0 or -1.
 */
int termguard_catch_signals(int write_fd, const int *signals, int n);

/* Puts back the dispositions found before termguard_ignore_signals() (or
   replaced by termguard_catch_signals()). */
void termguard_release_signals(void);

/* Unblocks `signals` in the calling thread's signal mask (and so in threads
   it starts later). A parent can hand down a mask that blocks SIGINT,
   SIGTERM or SIGWINCH (test runners that spawn through Foundation's Process
   do); the UI thread must receive them or Ctrl-C, SIGTERM and resizes go
   unnoticed. Returns 0, or -1 on error. */
int termguard_unblock_signals(const int *signals, int n);

/* Sets each of `signals` to SIG_IGN (before newterm, so curses leaves them
   alone), remembering the disposition found for termguard_release_signals(). */
void termguard_ignore_signals(const int *signals, int n);

/*
 * While curses owns the screen, anything written to stderr (a runtime
 * "Fatal error" message, a library warning) would land on the alternate
 * screen, garble it and then vanish. When stderr is a terminal, this points
 * fd 2 at an in-memory file; termguard_release_stderr() (also run by the
 * crash handler, after the terminal is restored) points it back and replays
 * the last 64 KiB written. Returns 0 (also when stderr is not a terminal
 * and nothing is captured) or -1.
 */
int termguard_capture_stderr(void);
void termguard_release_stderr(void);

/* pipe2 with O_NONBLOCK | O_CLOEXEC on both ends; returns 0 or -1. */
int termguard_pipe(int fds[2]);

#endif
