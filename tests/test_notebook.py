"""The notebook runs from top to bottom on a real kernel, so it cannot rot."""

from __future__ import annotations

from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_notebook_runs_and_answers():
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    text = "\n".join(
        out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
        for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])
    )
    assert "5 documents read" in text
    assert "Talatbek Masadikov" in text  # who met whom
    assert "Kyrgyzstan" in text  # members of the CSTO
    assert "pagerank" in text and "Russia" in text
    html_outputs = [o for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert html_outputs and "srcdoc" in html_outputs[0]["data"]["text/html"]
