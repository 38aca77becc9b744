<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>CaseFileView</name>
    <message>
        <source>Claim</source>
        <translation>訴求</translation>
    </message>
    <message>
        <source>Remedy asked</source>
        <translation>請求的處理方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金額</translation>
    </message>
    <message>
        <source>In the buyer&apos;s words</source>
        <translation>買家原話</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投訴內容</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>糾紛類型</translation>
    </message>
    <message>
        <source>Received via</source>
        <translation>投訴管道</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>受理時間</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>處理時限</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>承辦人</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>標記</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>衝突</translation>
    </message>
    <message>
        <source>The platform and this desk changed the case at the same time.</source>
        <translation>平台和本工作台同時修改了此案件。</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>真實姓名/名稱</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>電子郵件</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>證件號碼</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店鋪</translation>
    </message>
    <message>
        <source>Credit score</source>
        <translation>信用分數</translation>
    </message>
    <message>
        <source>%1 open disputes</source>
        <translation>%1 件未結糾紛</translation>
    </message>
    <message>
        <source>%1 disputes in the last year</source>
        <translation>近一年 %1 件糾紛</translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation>糾紛紀錄</translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation>處罰紀錄</translation>
    </message>
    <message>
        <source>%1 in the last year</source>
        <translation>近一年 %1 次</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>訂單編號</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下單時間</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>付款時間</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>交易序號</translation>
    </message>
    <message>
        <source>Total paid</source>
        <translation>實付金額</translation>
    </message>
    <message>
        <source>Shipping fee</source>
        <translation>運費</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>優惠</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>數量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>單價</translation>
    </message>
    <message>
        <source>Listing</source>
        <translation>商品頁快照</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地點</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>證據</translation>
    </message>
    <message>
        <source>No evidence yet.</source>
        <translation>尚無證據。</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>提交時間</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>檔案驗證</translation>
    </message>
    <message>
        <source>Double-click to open the item side by side</source>
        <translation>按兩下在並排比對中開啟</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>處理結果</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>作出時間</translation>
    </message>
    <message>
        <source>Appeal until</source>
        <translation>申訴截止</translation>
    </message>
</context>
<context>
    <name>CaseQueueModel</name>
    <message>
        <source>Case number</source>
        <translation>案件編號</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>糾紛類型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>買家</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商家</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>訴求金額</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>處理時限</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>優先順序</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>衝突</translation>
    </message>
    <message>
        <source>The platform and this desk changed the case at the same time.</source>
        <translation>平台和本工作台同時修改了此案件。</translation>
    </message>
</context>
<context>
    <name>CaseQueueView</name>
    <message>
        <source>Cases from the dashboard: %1</source>
        <translation>儀表板中的案件：%1</translation>
    </message>
    <message>
        <source>Type letters, digits or Chinese characters to search.</source>
        <translation>請輸入文字、字母或數字進行搜尋。</translation>
    </message>
    <message>
        <source>Count unavailable</source>
        <translation>無法統計數量</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在統計…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 個案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Search case number, title, party, order or tracking number  (Ctrl+F)</source>
        <translation>搜尋案件編號、標題、當事人、訂單編號或貨運單號（Ctrl+F）</translation>
    </message>
    <message>
        <source>Two Chinese characters are enough, e.g. 羊毛</source>
        <translation>輸入兩個漢字即可，例如「羊毛」</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部狀態</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部類型</translation>
    </message>
    <message>
        <source>Any due date</source>
        <translation>不限時限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due within 48 hours</source>
        <translation>48 小時內到期</translation>
    </message>
    <message>
        <source>No due date</source>
        <translation>無處理時限</translation>
    </message>
    <message>
        <source>Show all cases</source>
        <translation>顯示全部案件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>糾紛類型</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>處理時限</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Due %1</source>
        <translation>時限 %1</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>衝突</translation>
    </message>
    <message>
        <source>Case file</source>
        <translation>案卷</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>時間軸</translation>
    </message>
    <message>
        <source>Evidence (%1)</source>
        <translation>證據（%1）</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>辦理流程</translation>
    </message>
    <message>
        <source>Look at the conflict…</source>
        <translation>檢視衝突…</translation>
    </message>
    <message>
        <source>What you did offline beside what changed on the platform, and your choice</source>
        <translation>您離線所做的操作與平台上的改動並排顯示，由您決定</translation>
    </message>
    <message>
        <source>Choose a case in the queue to open its file.</source>
        <translation>在上方佇列中選擇一個案件，即可開啟案卷。</translation>
    </message>
</context>
<context>
    <name>ChatLogView</name>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <source>Nothing of yours is held any more.</source>
        <translation>您的操作已全部處理，沒有再被暫緩的。</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>added: %1</source>
        <translation>新增：%1</translation>
    </message>
    <message>
        <source>removed: %1</source>
        <translation>刪除：%1</translation>
    </message>
    <message>
        <source>changed: %1</source>
        <translation>修改：%1</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>有改動</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>優先級</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投訴內容</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>訴求</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>糾紛類型</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>投訴原因</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>辦理期限</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>承辦人</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>標記</translation>
    </message>
    <message>
        <source>Received via</source>
        <translation>投訴管道</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>當事人</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>訊息</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>證據</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文書</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>訂單</translation>
    </message>
    <message>
        <source>History</source>
        <translation>處理紀錄</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>處理結果</translation>
    </message>
    <message>
        <source>You worked on this case while it changed on the platform. Nothing was overwritten: your actions below are held until you decide, one by one, whether to send each again on the case as it is now or to discard it.</source>
        <translation>您辦理此案件期間，平台上的案件也發生了變化。雙方的內容都沒有被覆蓋：下列操作會暫緩送出，請逐項決定是基於案件的最新版本重新送出，還是放棄。</translation>
    </message>
    <message>
        <source>What you did on this desk</source>
        <translation>您在本工作台上的操作</translation>
    </message>
    <message>
        <source>What changed on the platform meanwhile</source>
        <translation>此期間平台上的改動</translation>
    </message>
    <message>
        <source>What</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>原本</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>The platform&apos;s record shows no change to the case itself (it refused the action).</source>
        <translation>平台紀錄中案件本身沒有變化（是平台拒絕了該操作）。</translation>
    </message>
    <message>
        <source>Send all again</source>
        <translation>全部重新送出</translation>
    </message>
    <message>
        <source>Discard all</source>
        <translation>全部放棄</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Counting…</source>
        <translation>正在統計…</translation>
    </message>
    <message>
        <source>Counted at %1</source>
        <translation>統計於 %1</translation>
    </message>
    <message>
        <source>Working days of %1 are provisional or weekdays only: handling times across their holidays may be off by a day or two.</source>
        <translation>%1 年的工作日安排為暫定或僅按週一至週五計算：跨越其節假日的處理時長可能相差一兩天。</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Cases opened in the period</source>
        <translation>統計期間受理的案件</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>辦結</translation>
    </message>
    <message>
        <source>Cases closed (finished) in the period</source>
        <translation>統計期間辦結的案件</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>目前在辦</translation>
    </message>
    <message>
        <source>Cases in progress now</source>
        <translation>目前仍在處理中的案件</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Cases in progress past their due date</source>
        <translation>已過處理期限仍未辦結的案件</translation>
    </message>
    <message>
        <source>Due in 2 working days</source>
        <translation>兩個工作日內到期</translation>
    </message>
    <message>
        <source>Cases in progress due by %1</source>
        <translation>%1 前到期的在辦案件</translation>
    </message>
    <message>
        <source>Settlement rate</source>
        <translation>調解成功率</translation>
    </message>
    <message>
        <source>%1 of %2 decided cases were settled</source>
        <translation>已決 %2 件中調解結案 %1 件</translation>
    </message>
    <message>
        <source>Appeal rate · %1 changed</source>
        <translation>申訴率 · 改判 %1 件</translation>
    </message>
    <message>
        <source>%1 of %2 rulings and dismissals appealed; %3 appeals pending</source>
        <translation>%2 件裁決與駁回中 %1 件被申訴；待處理申訴 %3 件</translation>
    </message>
    <message>
        <source>Possibly malicious</source>
        <translation>疑似惡意投訴</translation>
    </message>
    <message>
        <source>Cases opened in the period whose complainant is flagged as possibly malicious</source>
        <translation>統計期間受理、投訴人被標記為疑似惡意投訴的案件</translation>
    </message>
    <message>
        <source>No cases in this period</source>
        <translation>此期間沒有案件</translation>
    </message>
    <message>
        <source>%1 · p90 %2 · %3 cases</source>
        <translation>%1 · 90百分位 %2 · %3 件</translation>
    </message>
    <message>
        <source>No case closed in this period</source>
        <translation>此期間沒有辦結的案件</translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation>90 百分位</translation>
    </message>
    <message>
        <source>No ruling in this period</source>
        <translation>此期間沒有裁決</translation>
    </message>
    <message>
        <source>%1 disputes · %2 sanctions</source>
        <translation>糾紛 %1 件 · 處罰 %2 項</translation>
    </message>
    <message>
        <source>%1 open · %2 overdue</source>
        <translation>在辦 %1 件 · 逾期 %2 件</translation>
    </message>
    <message>
        <source>Due within two working days</source>
        <translation>兩個工作日內到期</translation>
    </message>
    <message>
        <source>Other open cases</source>
        <translation>其他在辦案件</translation>
    </message>
    <message>
        <source>No open case</source>
        <translation>沒有在辦案件</translation>
    </message>
    <message>
        <source>Export the chart as PNG</source>
        <translation>將圖表匯出為 PNG</translation>
    </message>
    <message>
        <source>Export the chart&apos;s data as CSV</source>
        <translation>將圖表資料匯出為 CSV</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 圖片 (*.png)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
        <source>All mediators</source>
        <translation>全部調解員</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部時間</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部類型</translation>
    </message>
    <message>
        <source>Period (China time)</source>
        <translation>統計期間（北京時間）</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>糾紛類型</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>調解員</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Cases opened, by category</source>
        <translation>受理案件（按糾紛類型）</translation>
    </message>
    <message>
        <source>Handling time per category (median working days)</source>
        <translation>各類糾紛處理時長（工作日中位數）</translation>
    </message>
    <message>
        <source>Ruling outcomes</source>
        <translation>裁決結果</translation>
    </message>
    <message>
        <source>Merchants with the most disputes</source>
        <translation>糾紛最多的商家</translation>
    </message>
    <message>
        <source>Cases opened, by the buyer&apos;s province</source>
        <translation>受理案件（按買家所在省份）</translation>
    </message>
    <message>
        <source>Mediators: open cases now</source>
        <translation>調解員目前在辦案件</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
</context>
<context>
    <name>EvidenceComparePanel</name>
    <message>
        <source>Under: %1    Over: %2</source>
        <translation>下層：%1    上層：%2</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>透明度</translation>
    </message>
    <message>
        <source>Divider</source>
        <translation>分隔線</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>並排</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>疊加</translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation>滑動比對</translation>
    </message>
    <message>
        <source>Lay the right picture over the left one and fade between them</source>
        <translation>把右側圖片疊在左側圖片上，可調整透明度</translation>
    </message>
    <message>
        <source>Show the left picture on one side of a divider and the right one on the other</source>
        <translation>分隔線一側顯示左圖，另一側顯示右圖</translation>
    </message>
    <message>
        <source>Keep zoom in step</source>
        <translation>同步縮放</translation>
    </message>
    <message>
        <source>Compare the linked pair</source>
        <translation>比對關聯的兩張圖</translation>
    </message>
    <message>
        <source>The photo of what arrived, next to the listing it should match</source>
        <translation>收到實物的照片與對應的商品頁並排顯示</translation>
    </message>
    <message>
        <source>This case has no evidence.</source>
        <translation>此案件沒有證據。</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <source>No evidence chosen.</source>
        <translation>未選擇證據。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在載入…</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 頁，共 %2 頁</translation>
    </message>
    <message>
        <source>[The rest of this file is not shown here.]</source>
        <translation>［檔案其餘部分未在此顯示。］</translation>
    </message>
    <message>
        <source>This file was changed on this computer after it was received: it no longer matches its recorded fingerprint (SHA-256), so it is not shown. Sync again to restore the original.</source>
        <translation>此檔案在接收後被本機修改，與登記的指紋（SHA-256）不再一致，因此不予顯示。請重新同步以還原原件。</translation>
    </message>
    <message>
        <source>This file is missing from the evidence store on this computer. Sync again to download it.</source>
        <translation>本機證據庫中缺少此檔案。請重新同步以下載。</translation>
    </message>
    <message>
        <source>This file has not been downloaded yet. It arrives with the next sync.</source>
        <translation>此檔案尚未下載，將在下次同步時取得。</translation>
    </message>
    <message>
        <source>This picture is too large to show safely (%1 pixels).</source>
        <translation>圖片過大，無法安全顯示（%1 像素）。</translation>
    </message>
    <message>
        <source>This file cannot be read as its type says.</source>
        <translation>無法按所標類型讀取此檔案。</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Submitted by %1 on %2</source>
        <translation>%1 於 %2 提交</translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation>SHA-256 %1</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 像素</translation>
    </message>
    <message>
        <source>Capture time claimed: %1</source>
        <translation>聲稱拍攝時間：%1</translation>
    </message>
    <message>
        <source>EXIF date: %1</source>
        <translation>EXIF 日期：%1</translation>
    </message>
    <message>
        <source>differs from the claimed time</source>
        <translation>與聲稱時間不符</translation>
    </message>
    <message>
        <source>no EXIF date</source>
        <translation>無 EXIF 日期</translation>
    </message>
    <message>
        <source>Camera: %1</source>
        <translation>相機：%1</translation>
    </message>
    <message>
        <source>Edited with: %1</source>
        <translation>編輯軟體：%1</translation>
    </message>
    <message>
        <source>Open externally</source>
        <translation>以其他程式開啟</translation>
    </message>
    <message>
        <source>Open a copy of this file with the program your computer uses for it</source>
        <translation>以本機關聯的程式開啟此檔案的副本</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>符合</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>放大（+）</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>縮小（−）</translation>
    </message>
    <message>
        <source>Fit the picture in the pane (0)</source>
        <translation>符合窗格大小（0）</translation>
    </message>
    <message>
        <source>Actual pixels (1)</source>
        <translation>實際像素（1）</translation>
    </message>
    <message>
        <source>Fit the page in the pane (0)</source>
        <translation>整頁符合窗格 (0)</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>符合寬度</translation>
    </message>
    <message>
        <source>The page&apos;s width across the pane</source>
        <translation>讓頁面寬度填滿窗格</translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation>‹ 上一頁</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>下一頁 ›</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一頁</translation>
    </message>
    <message>
        <source>The desk does not show this kind of file itself. Open it externally to view it.</source>
        <translation>工作台無法直接顯示此類檔案，請以其他程式開啟檢視。</translation>
    </message>
</context>
<context>
    <name>HeldActionCard</name>
    <message>
        <source>Taken %1 by %2</source>
        <translation>%2 於 %1 操作</translation>
    </message>
    <message>
        <source>The platform refused it: %1</source>
        <translation>平台拒絕了此操作：%1</translation>
    </message>
    <message>
        <source>Based on version %1 of the case; the platform is now at version %2.</source>
        <translation>基於案件第 %1 版；平台上現為第 %2 版。</translation>
    </message>
    <message>
        <source>Send again on the new version</source>
        <translation>基於新版本重新送出</translation>
    </message>
    <message>
        <source>Keep this action and send it at the next sync, based on the case as it is now</source>
        <translation>保留此操作，基於案件目前版本在下次同步時送出</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放棄</translation>
    </message>
    <message>
        <source>Drop this action; it is never sent</source>
        <translation>放棄此操作，它將不會被送出</translation>
    </message>
</context>
<context>
    <name>ImageCompare</name>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The platform did not accept this user name and password.</source>
        <translation>平台未接受此使用者名稱和密碼。</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation>登入已過期，請重新登入。</translation>
    </message>
    <message>
        <source>This language is not installed (run scripts/setup.sh); showing English.</source>
        <translation>此語言尚未安裝（請執行 scripts/setup.sh），暫以英文顯示。</translation>
    </message>
    <message>
        <source>Signed in as %1 · %2</source>
        <translation>已登入：%1 · %2</translation>
    </message>
    <message>
        <source>Working offline · not signed in</source>
        <translation>離線辦理中 · 未登入</translation>
    </message>
    <message>
        <source>Mediation Desk</source>
        <translation>調解工作台</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>工作台(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Download new cases and send your work (F5)</source>
        <translation>下載新案件並送出您的操作（F5）</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>登入…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>設定…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>結束</translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation>搜尋佇列</translation>
    </message>
    <message>
        <source>Go to the queue</source>
        <translation>前往佇列</translation>
    </message>
    <message>
        <source>Show the queue</source>
        <translation>顯示案件佇列</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>儀表板</translation>
    </message>
    <message>
        <source>Figures and charts of the cases in this store; a click opens the cases (Ctrl+D)</source>
        <translation>本機案件的統計數字與圖表；點擊即可檢視相應案件（Ctrl+D）</translation>
    </message>
    <message>
        <source>Case file</source>
        <translation>案卷</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>時間軸</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>證據</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Raw JSON</source>
        <translation>原始 JSON</translation>
    </message>
    <message>
        <source>Show the file exactly as it was submitted</source>
        <translation>按提交時的原樣顯示檔案</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>The desk switches language at once; nothing needs a restart.</source>
        <translation>語言立即切換，無需重新啟動。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Enter the platform&apos;s address, starting with https://</source>
        <translation>請輸入平台網址，以 https:// 開頭</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>請輸入使用者名稱。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>請輸入密碼。</translation>
    </message>
    <message>
        <source>The platform did not accept this user name and password.</source>
        <translation>平台未接受此使用者名稱和密碼。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登入…</translation>
    </message>
    <message>
        <source>Sign in to the platform</source>
        <translation>登入平台</translation>
    </message>
    <message>
        <source>Sign in to download your cases and send your work. Your password is not stored; the desk keeps only a sign-in token, in the system keyring.</source>
        <translation>登入後即可下載您的案件並送出您的操作。密碼不會被保存；工作台只在系統鑰匙圈中保存登入憑證。</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>平台網址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>使用者名稱</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登入</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>%1 as %2</source>
        <translation>%1 · 使用者 %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在連線…</translation>
    </message>
    <message>
        <source>Syncing with the platform</source>
        <translation>正在與平台同步</translation>
    </message>
    <message>
        <source>You can keep working; the queue updates when the sync is done.</source>
        <translation>您可以繼續工作；同步完成後佇列會自動更新。</translation>
    </message>
    <message>
        <source>Stopping the sync…</source>
        <translation>正在停止同步…</translation>
    </message>
    <message>
        <source>Everything already downloaded is kept; the next sync continues from there.</source>
        <translation>已下載的內容都會保留，下次同步從此處繼續。</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>同步已停止</translation>
    </message>
    <message>
        <source>Sync finished — this desk&apos;s record went back in time</source>
        <translation>同步完成——本工作台的紀錄出現了倒退</translation>
    </message>
    <message>
        <source>Sync finished with problems</source>
        <translation>同步完成，但有問題需要處理</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>同步完成</translation>
    </message>
    <message>
        <source>New cases: %1</source>
        <translation>新案件：%1</translation>
    </message>
    <message>
        <source>Updated cases: %1</source>
        <translation>有更新的案件：%1</translation>
    </message>
    <message>
        <source>Cases no longer assigned to you: %1</source>
        <translation>不再分派給您的案件：%1</translation>
    </message>
    <message>
        <source>Files downloaded: %1</source>
        <translation>已下載檔案：%1</translation>
    </message>
    <message>
        <source>Your actions sent: %1</source>
        <translation>已送出的操作：%1</translation>
    </message>
    <message>
        <source>Conflicts to look at: %1</source>
        <translation>待處理的衝突：%1</translation>
    </message>
    <message>
        <source>Files refused (did not match their fingerprint): %1</source>
        <translation>被拒收的檔案（與指紋不符）：%1</translation>
    </message>
    <message>
        <source>Downloaded: %1</source>
        <translation>下載量：%1</translation>
    </message>
    <message>
        <source>The desk compared every case with the platform once more.</source>
        <translation>工作台已與平台重新逐一核對全部案件。</translation>
    </message>
    <message>
        <source>Everything was already up to date.</source>
        <translation>所有內容都已是最新。</translation>
    </message>
    <message>
        <source>The sync did not finish</source>
        <translation>同步未能完成</translation>
    </message>
    <message>
        <source>Fetching cases…</source>
        <translation>正在取得案件…</translation>
    </message>
    <message>
        <source>Downloading evidence files…</source>
        <translation>正在下載證據檔案…</translation>
    </message>
    <message>
        <source>Sending your actions…</source>
        <translation>正在送出您的操作…</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>資料量</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>重新登入…</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類別</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>誰</translation>
    </message>
    <message>
        <source>What</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>訊息</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Offers and answers</source>
        <translation>方案與答覆</translation>
    </message>
    <message>
        <source>History</source>
        <translation>處理紀錄</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>顯示</translation>
    </message>
</context>
<context>
    <name>WorkflowActionDialog</name>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n 個工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>e.g. 300.00</source>
        <translation>例如 300.00</translation>
    </message>
    <message>
        <source>Please fill in: %s</source>
        <translation>請填寫：%s</translation>
    </message>
</context>
<context>
    <name>WorkflowPanel</name>
    <message>
        <source>Choose a case to see its workflow.</source>
        <translation>選擇一個案件以檢視其處理流程。</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>核對清單</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Save answers</source>
        <translation>儲存答案</translation>
    </message>
    <message>
        <source>Required evidence</source>
        <translation>所需證據</translation>
    </message>
    <message>
        <source>Still missing before the case can move on</source>
        <translation>推進前仍缺少的內容</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Actions on the platform</source>
        <translation>平台操作</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>e.g. 300.00</source>
        <translation>例如 300.00</translation>
    </message>
</context>
</TS>
