//! Windows: the tool and every process it starts share one Job object, so at
//! the tool's bound, and when its run is dropped (Cancel), the whole tree is
//! ended (TerminateJobObject), as Unix does with the process group. Windows
//! has no process groups to signal.

use std::os::windows::io::RawHandle;
use std::ptr::null;
use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
use windows_sys::Win32::System::JobObjects::{AssignProcessToJobObject, CreateJobObjectW, TerminateJobObject};

/// A job holding one tool and what it starts after it was adopted. The tool
/// is adopted as soon as it is spawned; a child it started in that instant
/// stays outside the job (there is no way to spawn suspended through std).
pub(super) struct ProcessTree(HANDLE);

// SAFETY: a job handle is a kernel handle, usable from any thread.
unsafe impl Send for ProcessTree {}
// SAFETY: as above; TerminateJobObject and CloseHandle are thread-safe.
unsafe impl Sync for ProcessTree {}

impl ProcessTree {
    /// Puts `process` in a new job, or `None` when Windows refuses (then only
    /// the tool itself can be ended).
    pub(super) fn adopt(process: RawHandle) -> Option<Self> {
        // SAFETY: null attributes and name are allowed: an unnamed job with default security.
        let job = unsafe { CreateJobObjectW(null(), null()) };
        if job.is_null() {
            return None;
        }
        let tree = Self(job);
        // SAFETY: both handles are live; `process` belongs to the child we own.
        let adopted = unsafe { AssignProcessToJobObject(tree.0, process as HANDLE) } != 0;
        adopted.then_some(tree)
    }

    /// Ends every process in the job.
    pub(super) fn end(&self) {
        // SAFETY: the job handle is live until drop. A failure means the
        // processes are already gone; the tool itself is killed after.
        unsafe { TerminateJobObject(self.0, 1) };
    }
}

impl Drop for ProcessTree {
    fn drop(&mut self) {
        // SAFETY: the handle came from CreateJobObjectW and is closed once.
        unsafe { CloseHandle(self.0) };
    }
}
