// caseboard workbench: small progressive enhancements (no inline script; CSP script-src 'self').
"use strict";

function pollJob(box) {
  const id = box.dataset.job;
  const el = (name) => document.getElementById(name);
  async function tick() {
    let job;
    try {
      const res = await fetch("/api/jobs/" + encodeURIComponent(id), { headers: { Accept: "application/json" } });
      if (!res.ok) { el("job-stage").textContent = "status unavailable (" + res.status + ")"; return; }
      job = await res.json();
    } catch (e) {
      setTimeout(tick, 1500);
      return;
    }
    box.dataset.state = job.state;
    el("job-state").textContent = job.state;
    el("job-stage").textContent = job.stage;
    el("job-count").textContent = String(job.done);
    const bar = el("job-progress");
    bar.max = job.total || 1;
    bar.value = job.done;
    if (job.state === "done" || job.state === "failed") {
      el("job-result").textContent = job.state === "done"
        ? job.added.length + " added, " + job.duplicates + " duplicate(s), " + job.unchanged + " unchanged."
        : "";
      const fails = el("job-failures");
      fails.replaceChildren();
      for (const f of job.failures.concat(job.error ? [job.error] : [])) {
        const li = document.createElement("li");
        li.className = "error";
        li.textContent = f;  // text, never HTML
        fails.appendChild(li);
      }
      el("job-next").hidden = false;
      return;
    }
    setTimeout(tick, 700);
  }
  tick();
}

function scrollToHighlight() {
  const mark = document.getElementById("hl");
  if (mark) { mark.scrollIntoView({ block: "center" }); return; }
  if (location.hash) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) { target.classList.add("hl"); }
  }
}

function autoSubmitSelects() {
  for (const sel of document.querySelectorAll("form.assess select, #timeline-filter select")) {
    sel.addEventListener("change", () => sel.form.requestSubmit());
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("job");
  if (box && box.dataset.state !== "done" && box.dataset.state !== "failed") pollJob(box);
  scrollToHighlight();
  autoSubmitSelects();
});
