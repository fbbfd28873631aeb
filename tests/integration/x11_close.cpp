// x11_close PID: does what a window manager does when someone clicks a window's close button or
// presses its Alt+F4 — sends WM_PROTOCOLS / WM_DELETE_WINDOW to every top-level X window of
// process PID (found by _NET_WM_PID) that asks for it. Exit 0 when at least one window got it, 1
// when none was found (not mapped yet: callers retry), 2 on usage or display errors. For the
// lockdown tests, inside the kiosk's own xvfb-run (DISPLAY and XAUTHORITY from the environment).
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <cstdio>
#include <cstdlib>

namespace {

long window_pid(Display* dpy, Window w, Atom net_wm_pid) {
  Atom type;
  int format;
  unsigned long n = 0, after = 0;
  unsigned char* data = nullptr;
  long pid = -1;
  if (XGetWindowProperty(dpy, w, net_wm_pid, 0, 1, False, XA_CARDINAL, &type, &format, &n, &after,
                         &data) == Success &&
      data && n == 1 && format == 32)
    pid = static_cast<long>(*reinterpret_cast<unsigned long*>(data));
  if (data) XFree(data);
  return pid;
}

bool wants_delete(Display* dpy, Window w, Atom wm_delete) {
  Atom* protocols = nullptr;
  int n = 0;
  bool yes = false;
  if (XGetWMProtocols(dpy, w, &protocols, &n)) {
    for (int i = 0; i < n; ++i) yes = yes || protocols[i] == wm_delete;
    XFree(protocols);
  }
  return yes;
}

int close_windows(Display* dpy, Window parent, long pid, Atom net_wm_pid, Atom wm_protocols,
                  Atom wm_delete) {
  Window root_ret, parent_ret, *children = nullptr;
  unsigned int n = 0;
  int sent = 0;
  if (!XQueryTree(dpy, parent, &root_ret, &parent_ret, &children, &n)) return 0;
  for (unsigned int i = 0; i < n; ++i) {
    Window w = children[i];
    if (window_pid(dpy, w, net_wm_pid) == pid && wants_delete(dpy, w, wm_delete)) {
      XEvent ev{};
      ev.xclient.type = ClientMessage;
      ev.xclient.window = w;
      ev.xclient.message_type = wm_protocols;
      ev.xclient.format = 32;
      ev.xclient.data.l[0] = static_cast<long>(wm_delete);
      ev.xclient.data.l[1] = CurrentTime;
      XSendEvent(dpy, w, False, NoEventMask, &ev);
      ++sent;
    }
    sent += close_windows(dpy, w, pid, net_wm_pid, wm_protocols, wm_delete);
  }
  if (children) XFree(children);
  return sent;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: x11_close PID\n");
    return 2;
  }
  const long pid = std::strtol(argv[1], nullptr, 10);
  Display* dpy = XOpenDisplay(nullptr);
  if (!dpy) {
    std::fprintf(stderr, "x11_close: cannot open the display\n");
    return 2;
  }
  const Atom net_wm_pid = XInternAtom(dpy, "_NET_WM_PID", False);
  const Atom wm_protocols = XInternAtom(dpy, "WM_PROTOCOLS", False);
  const Atom wm_delete = XInternAtom(dpy, "WM_DELETE_WINDOW", False);
  const int sent =
      close_windows(dpy, DefaultRootWindow(dpy), pid, net_wm_pid, wm_protocols, wm_delete);
  XSync(dpy, False);
  XCloseDisplay(dpy);
  std::printf("x11_close: WM_DELETE_WINDOW sent to %d window(s) of pid %ld\n", sent, pid);
  return sent > 0 ? 0 : 1;
}
