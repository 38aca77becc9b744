<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CaseFileView</name>
    <message>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remedy asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the buyer&apos;s words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received via</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform and this desk changed the case at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credit score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open disputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 disputes in the last year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in the last year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipping fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No evidence yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click to open the item side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appeal until</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseQueueModel</name>
    <message>
        <source>Case number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform and this desk changed the case at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseQueueView</name>
    <message>
        <source>Cases from the dashboard: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type letters, digits or Chinese characters to search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message>
        <source>Search case number, title, party, order or tracking number  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two Chinese characters are enough, e.g. 羊毛</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due within 48 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at the conflict…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you did offline beside what changed on the platform, and your choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a case in the queue to open its file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatLogView</name>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <source>Nothing of yours is held any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received via</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You worked on this case while it changed on the platform. Nothing was overwritten: your actions below are held until you decide, one by one, whether to send each again on the case as it is now or to discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you did on this desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed on the platform meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform&apos;s record shows no change to the case itself (it refused the action).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send all again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working days of %1 are provisional or weekdays only: handling times across their holidays may be off by a day or two.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases opened in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases closed (finished) in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases in progress now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases in progress past their due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due in 2 working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases in progress due by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settlement rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 decided cases were settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appeal rate · %1 changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 rulings and dismissals appealed; %3 appeals pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possibly malicious</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases opened in the period whose complainant is flagged as possibly malicious</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cases in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · p90 %2 · %3 cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case closed in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ruling in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 disputes · %2 sanctions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open · %2 overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due within two working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the chart as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the chart&apos;s data as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All mediators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period (China time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases opened, by category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handling time per category (median working days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ruling outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchants with the most disputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases opened, by the buyer&apos;s province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mediators: open cases now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceComparePanel</name>
    <message>
        <source>Under: %1    Over: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Divider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lay the right picture over the left one and fade between them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the left picture on one side of a divider and the right one on the other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep zoom in step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the linked pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo of what arrived, next to the listing it should match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This case has no evidence.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <source>No evidence chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[The rest of this file is not shown here.]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file was changed on this computer after it was received: it no longer matches its recorded fingerprint (SHA-256), so it is not shown. Sync again to restore the original.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is missing from the evidence store on this computer. Sync again to download it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file has not been downloaded yet. It arrives with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This picture is too large to show safely (%1 pixels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be read as its type says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted by %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture time claimed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXIF date: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>differs from the claimed time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no EXIF date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited with: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open externally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a copy of this file with the program your computer uses for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the picture in the pane (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual pixels (1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the page in the pane (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page&apos;s width across the pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk does not show this kind of file itself. Open it externally to view it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeldActionCard</name>
    <message>
        <source>Taken %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform refused it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Based on version %1 of the case; the platform is now at version %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send again on the new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this action and send it at the next sync, based on the case as it is now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop this action; it is never sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageCompare</name>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The platform did not accept this user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This language is not installed (run scripts/setup.sh); showing English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working offline · not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mediation Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download new cases and send your work (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Figures and charts of the cases in this store; a click opens the cases (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the file exactly as it was submitted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk switches language at once; nothing needs a restart.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Enter the platform&apos;s address, starting with https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform did not accept this user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to download your cases and send your work. Your password is not stored; the desk keeps only a sign-in token, in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>%1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing with the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can keep working; the queue updates when the sync is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping the sync…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything already downloaded is kept; the next sync continues from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync finished — this desk&apos;s record went back in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync finished with problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New cases: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated cases: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases no longer assigned to you: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files downloaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your actions sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts to look at: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files refused (did not match their fingerprint): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk compared every case with the platform once more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything was already up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sync did not finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching cases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading evidence files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending your actions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offers and answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkflowActionDialog</name>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
    <message>
        <source>e.g. 300.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please fill in: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkflowPanel</name>
    <message>
        <source>Choose a case to see its workflow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still missing before the case can move on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions on the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 300.00</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
