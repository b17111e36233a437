// The benchmarks' baseline page: empty, and says when it is interactive.
import { invoke } from "@tauri-apps/api/core";

void invoke("ready");
