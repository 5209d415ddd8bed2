"""Print jobs: programme PDFs and .docx files rendered off the request path.

A print request queues a job (`queue.enqueue`, one per print version) and answers at once
with a progress page; the print worker (`worker.run_pending`, `flask prints work`) renders
what is queued, each job by one worker at a time; the finished file is served from the job.
"""

from flask import Blueprint

bp = Blueprint("prints", __name__, url_prefix="/prints")
