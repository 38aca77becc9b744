<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CaseFileView</name>
    <message>
        <source>Claim</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Remedy asked</source>
        <translation>请求的处理方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>In the buyer&apos;s words</source>
        <translation>买家原话</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Received via</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>处理时限</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>The platform and this desk changed the case at the same time.</source>
        <translation>平台和本工作台同时修改了此案件。</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>真实姓名/名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Credit score</source>
        <translation>信用分</translation>
    </message>
    <message>
        <source>%1 open disputes</source>
        <translation>%1 起未结纠纷</translation>
    </message>
    <message>
        <source>%1 disputes in the last year</source>
        <translation>近一年 %1 起纠纷</translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation>纠纷记录</translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation>处罚记录</translation>
    </message>
    <message>
        <source>%1 in the last year</source>
        <translation>近一年 %1 次</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>交易流水号</translation>
    </message>
    <message>
        <source>Total paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <source>Shipping fee</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Listing</source>
        <translation>商品页快照</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>No evidence yet.</source>
        <translation>暂无证据。</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>文件校验</translation>
    </message>
    <message>
        <source>Double-click to open the item side by side</source>
        <translation>双击在并排对比中打开</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>作出时间</translation>
    </message>
    <message>
        <source>Appeal until</source>
        <translation>申诉截止</translation>
    </message>
</context>
<context>
    <name>CaseQueueModel</name>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商家</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>诉求金额</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>处理时限</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>The platform and this desk changed the case at the same time.</source>
        <translation>平台和本工作台同时修改了此案件。</translation>
    </message>
</context>
<context>
    <name>CaseQueueView</name>
    <message>
        <source>Cases from the dashboard: %1</source>
        <translation>仪表盘中的案件：%1</translation>
    </message>
    <message>
        <source>Type letters, digits or Chinese characters to search.</source>
        <translation>请输入文字、字母或数字进行搜索。</translation>
    </message>
    <message>
        <source>Count unavailable</source>
        <translation>无法统计数量</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 个案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Search case number, title, party, order or tracking number  (Ctrl+F)</source>
        <translation>搜索案件编号、标题、当事人、订单号或运单号（Ctrl+F）</translation>
    </message>
    <message>
        <source>Two Chinese characters are enough, e.g. 羊毛</source>
        <translation>输入两个汉字即可，例如“羊毛”</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Any due date</source>
        <translation>不限时限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due within 48 hours</source>
        <translation>48 小时内到期</translation>
    </message>
    <message>
        <source>No due date</source>
        <translation>无处理时限</translation>
    </message>
    <message>
        <source>Show all cases</source>
        <translation>显示全部案件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>处理时限</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Due %1</source>
        <translation>时限 %1</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Case file</source>
        <translation>案卷</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Evidence (%1)</source>
        <translation>证据（%1）</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>办理流程</translation>
    </message>
    <message>
        <source>Look at the conflict…</source>
        <translation>查看冲突…</translation>
    </message>
    <message>
        <source>What you did offline beside what changed on the platform, and your choice</source>
        <translation>您离线所做的操作与平台上的改动并排显示，由您决定</translation>
    </message>
    <message>
        <source>Choose a case in the queue to open its file.</source>
        <translation>在上方队列中选择一个案件，即可打开案卷。</translation>
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
        <translation>您的操作已全部处理，没有再被暂缓的。</translation>
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
        <translation>删除：%1</translation>
    </message>
    <message>
        <source>changed: %1</source>
        <translation>修改：%1</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>有改动</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>投诉原因</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Received via</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>You worked on this case while it changed on the platform. Nothing was overwritten: your actions below are held until you decide, one by one, whether to send each again on the case as it is now or to discard it.</source>
        <translation>您办理此案件期间，平台上的案件也发生了变化。双方的内容都没有被覆盖：下列操作会暂缓发送，请逐项决定是基于案件的最新版本重新发送，还是放弃。</translation>
    </message>
    <message>
        <source>What you did on this desk</source>
        <translation>您在本工作台上的操作</translation>
    </message>
    <message>
        <source>What changed on the platform meanwhile</source>
        <translation>此期间平台上的改动</translation>
    </message>
    <message>
        <source>What</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>原来</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>The platform&apos;s record shows no change to the case itself (it refused the action).</source>
        <translation>平台记录中案件本身没有变化（是平台拒绝了该操作）。</translation>
    </message>
    <message>
        <source>Send all again</source>
        <translation>全部重新发送</translation>
    </message>
    <message>
        <source>Discard all</source>
        <translation>全部放弃</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Counted at %1</source>
        <translation>统计于 %1</translation>
    </message>
    <message>
        <source>Working days of %1 are provisional or weekdays only: handling times across their holidays may be off by a day or two.</source>
        <translation>%1 年的工作日安排为暂定或仅按周一至周五计算：跨越其节假日的处理时长可能相差一两天。</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Cases opened in the period</source>
        <translation>统计期间受理的案件</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Cases closed (finished) in the period</source>
        <translation>统计期间办结的案件</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>当前在办</translation>
    </message>
    <message>
        <source>Cases in progress now</source>
        <translation>当前仍在处理中的案件</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Cases in progress past their due date</source>
        <translation>已过处理期限仍未办结的案件</translation>
    </message>
    <message>
        <source>Due in 2 working days</source>
        <translation>两个工作日内到期</translation>
    </message>
    <message>
        <source>Cases in progress due by %1</source>
        <translation>%1 前到期的在办案件</translation>
    </message>
    <message>
        <source>Settlement rate</source>
        <translation>调解成功率</translation>
    </message>
    <message>
        <source>%1 of %2 decided cases were settled</source>
        <translation>已决 %2 件中调解结案 %1 件</translation>
    </message>
    <message>
        <source>Appeal rate · %1 changed</source>
        <translation>申诉率 · 改判 %1 件</translation>
    </message>
    <message>
        <source>%1 of %2 rulings and dismissals appealed; %3 appeals pending</source>
        <translation>%2 件裁决与驳回中 %1 件被申诉；待处理申诉 %3 件</translation>
    </message>
    <message>
        <source>Possibly malicious</source>
        <translation>疑似恶意投诉</translation>
    </message>
    <message>
        <source>Cases opened in the period whose complainant is flagged as possibly malicious</source>
        <translation>统计期间受理、投诉人被标记为疑似恶意投诉的案件</translation>
    </message>
    <message>
        <source>No cases in this period</source>
        <translation>此期间没有案件</translation>
    </message>
    <message>
        <source>%1 · p90 %2 · %3 cases</source>
        <translation>%1 · 90分位 %2 · %3 件</translation>
    </message>
    <message>
        <source>No case closed in this period</source>
        <translation>此期间没有办结的案件</translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation>90 分位</translation>
    </message>
    <message>
        <source>No ruling in this period</source>
        <translation>此期间没有裁决</translation>
    </message>
    <message>
        <source>%1 disputes · %2 sanctions</source>
        <translation>纠纷 %1 件 · 处罚 %2 项</translation>
    </message>
    <message>
        <source>%1 open · %2 overdue</source>
        <translation>在办 %1 件 · 逾期 %2 件</translation>
    </message>
    <message>
        <source>Due within two working days</source>
        <translation>两个工作日内到期</translation>
    </message>
    <message>
        <source>Other open cases</source>
        <translation>其他在办案件</translation>
    </message>
    <message>
        <source>No open case</source>
        <translation>没有在办案件</translation>
    </message>
    <message>
        <source>Export the chart as PNG</source>
        <translation>将图表导出为 PNG</translation>
    </message>
    <message>
        <source>Export the chart&apos;s data as CSV</source>
        <translation>将图表数据导出为 CSV</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>All mediators</source>
        <translation>全部调解员</translation>
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
        <translation>全部时间</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Period (China time)</source>
        <translation>统计期间（北京时间）</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Cases opened, by category</source>
        <translation>受理案件（按纠纷类型）</translation>
    </message>
    <message>
        <source>Handling time per category (median working days)</source>
        <translation>各类纠纷处理时长（工作日中位数）</translation>
    </message>
    <message>
        <source>Ruling outcomes</source>
        <translation>裁决结果</translation>
    </message>
    <message>
        <source>Merchants with the most disputes</source>
        <translation>纠纷最多的商家</translation>
    </message>
    <message>
        <source>Cases opened, by the buyer&apos;s province</source>
        <translation>受理案件（按买家所在省份）</translation>
    </message>
    <message>
        <source>Mediators: open cases now</source>
        <translation>调解员当前在办案件</translation>
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
        <translation>下层：%1    上层：%2</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>透明度</translation>
    </message>
    <message>
        <source>Divider</source>
        <translation>分隔线</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>叠加</translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation>滑动对比</translation>
    </message>
    <message>
        <source>Lay the right picture over the left one and fade between them</source>
        <translation>把右侧图片叠在左侧图片上，可调节透明度</translation>
    </message>
    <message>
        <source>Show the left picture on one side of a divider and the right one on the other</source>
        <translation>分隔线一侧显示左图，另一侧显示右图</translation>
    </message>
    <message>
        <source>Keep zoom in step</source>
        <translation>同步缩放</translation>
    </message>
    <message>
        <source>Compare the linked pair</source>
        <translation>对比关联的两张图</translation>
    </message>
    <message>
        <source>The photo of what arrived, next to the listing it should match</source>
        <translation>收到实物的照片与对应的商品页并排显示</translation>
    </message>
    <message>
        <source>This case has no evidence.</source>
        <translation>此案件没有证据。</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <source>No evidence chosen.</source>
        <translation>未选择证据。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>[The rest of this file is not shown here.]</source>
        <translation>［文件其余部分未在此显示。］</translation>
    </message>
    <message>
        <source>This file was changed on this computer after it was received: it no longer matches its recorded fingerprint (SHA-256), so it is not shown. Sync again to restore the original.</source>
        <translation>此文件在接收后被本机修改，与登记的指纹（SHA-256）不再一致，因此不予显示。请重新同步以恢复原件。</translation>
    </message>
    <message>
        <source>This file is missing from the evidence store on this computer. Sync again to download it.</source>
        <translation>本机证据库中缺少此文件。请重新同步以下载。</translation>
    </message>
    <message>
        <source>This file has not been downloaded yet. It arrives with the next sync.</source>
        <translation>此文件尚未下载，将在下次同步时获取。</translation>
    </message>
    <message>
        <source>This picture is too large to show safely (%1 pixels).</source>
        <translation>图片过大，无法安全显示（%1 像素）。</translation>
    </message>
    <message>
        <source>This file cannot be read as its type says.</source>
        <translation>无法按所标类型读取此文件。</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Submitted by %1 on %2</source>
        <translation>%1 于 %2 提交</translation>
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
        <translation>声称拍摄时间：%1</translation>
    </message>
    <message>
        <source>EXIF date: %1</source>
        <translation>EXIF 日期：%1</translation>
    </message>
    <message>
        <source>differs from the claimed time</source>
        <translation>与声称时间不符</translation>
    </message>
    <message>
        <source>no EXIF date</source>
        <translation>无 EXIF 日期</translation>
    </message>
    <message>
        <source>Camera: %1</source>
        <translation>相机：%1</translation>
    </message>
    <message>
        <source>Edited with: %1</source>
        <translation>编辑软件：%1</translation>
    </message>
    <message>
        <source>Open externally</source>
        <translation>用其他程序打开</translation>
    </message>
    <message>
        <source>Open a copy of this file with the program your computer uses for it</source>
        <translation>用本机关联的程序打开此文件的副本</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Zoom in (+)</source>
        <translation>放大（+）</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>缩小（−）</translation>
    </message>
    <message>
        <source>Fit the picture in the pane (0)</source>
        <translation>适应窗格大小（0）</translation>
    </message>
    <message>
        <source>Actual pixels (1)</source>
        <translation>实际像素（1）</translation>
    </message>
    <message>
        <source>Fit the page in the pane (0)</source>
        <translation>整页适应窗格 (0)</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>适应宽度</translation>
    </message>
    <message>
        <source>The page&apos;s width across the pane</source>
        <translation>让页面宽度铺满窗格</translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation>‹ 上一页</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>下一页 ›</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>The desk does not show this kind of file itself. Open it externally to view it.</source>
        <translation>工作台无法直接显示此类文件，请用其他程序打开查看。</translation>
    </message>
</context>
<context>
    <name>HeldActionCard</name>
    <message>
        <source>Taken %1 by %2</source>
        <translation>%2 于 %1 操作</translation>
    </message>
    <message>
        <source>The platform refused it: %1</source>
        <translation>平台拒绝了此操作：%1</translation>
    </message>
    <message>
        <source>Based on version %1 of the case; the platform is now at version %2.</source>
        <translation>基于案件第 %1 版；平台上现为第 %2 版。</translation>
    </message>
    <message>
        <source>Send again on the new version</source>
        <translation>基于新版本重新发送</translation>
    </message>
    <message>
        <source>Keep this action and send it at the next sync, based on the case as it is now</source>
        <translation>保留此操作，基于案件当前版本在下次同步时发送</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Drop this action; it is never sent</source>
        <translation>放弃此操作，它将不会被发送</translation>
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
        <translation>平台未接受此用户名和密码。</translation>
    </message>
    <message>
        <source>Sync finished.</source>
        <translation>同步完成。</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation>登录已过期，请重新登录。</translation>
    </message>
    <message>
        <source>This language is not installed (run scripts/setup.sh); showing English.</source>
        <translation>此语言尚未安装（请运行 scripts/setup.sh），暂以英文显示。</translation>
    </message>
    <message>
        <source>Signed in as %1 · %2</source>
        <translation>已登录：%1 · %2</translation>
    </message>
    <message>
        <source>Working offline · not signed in</source>
        <translation>离线办理中 · 未登录</translation>
    </message>
    <message>
        <source>Mediation Desk</source>
        <translation>调解工作台</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>工作台(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Download new cases and send your work (F5)</source>
        <translation>下载新案件并发送您的操作（F5）</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Search the queue</source>
        <translation>搜索队列</translation>
    </message>
    <message>
        <source>Go to the queue</source>
        <translation>转到队列</translation>
    </message>
    <message>
        <source>Show the queue</source>
        <translation>显示案件队列</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Figures and charts of the cases in this store; a click opens the cases (Ctrl+D)</source>
        <translation>本地案件的统计数字与图表；点击即可查看相应案件（Ctrl+D）</translation>
    </message>
    <message>
        <source>Case file</source>
        <translation>案卷</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
</context>
<context>
    <name>RecordView</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
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
        <translation>按提交时的原样显示文件</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Same as the computer</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The desk switches language at once; nothing needs a restart.</source>
        <translation>语言立即切换，无需重启。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Enter the platform&apos;s address, starting with https://</source>
        <translation>请输入平台地址，以 https:// 开头</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The platform did not accept this user name and password.</source>
        <translation>平台未接受此用户名和密码。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Sign in to the platform</source>
        <translation>登录平台</translation>
    </message>
    <message>
        <source>Sign in to download your cases and send your work. Your password is not stored; the desk keeps only a sign-in token, in the system keyring.</source>
        <translation>登录后即可下载您的案件并发送您的操作。密码不会被保存；工作台只在系统密钥环中保存登录凭证。</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>平台地址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>%1 as %2</source>
        <translation>%1 · 用户 %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Syncing with the platform</source>
        <translation>正在与平台同步</translation>
    </message>
    <message>
        <source>You can keep working; the queue updates when the sync is done.</source>
        <translation>您可以继续工作；同步完成后队列会自动更新。</translation>
    </message>
    <message>
        <source>Stopping the sync…</source>
        <translation>正在停止同步…</translation>
    </message>
    <message>
        <source>Everything already downloaded is kept; the next sync continues from there.</source>
        <translation>已下载的内容都会保留，下次同步从此处继续。</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>同步已停止</translation>
    </message>
    <message>
        <source>Sync finished — this desk&apos;s record went back in time</source>
        <translation>同步完成——本工作台的记录出现了回退</translation>
    </message>
    <message>
        <source>Sync finished with problems</source>
        <translation>同步完成，但有问题需要处理</translation>
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
        <translation>不再分配给您的案件：%1</translation>
    </message>
    <message>
        <source>Files downloaded: %1</source>
        <translation>已下载文件：%1</translation>
    </message>
    <message>
        <source>Your actions sent: %1</source>
        <translation>已发送的操作：%1</translation>
    </message>
    <message>
        <source>Conflicts to look at: %1</source>
        <translation>待处理的冲突：%1</translation>
    </message>
    <message>
        <source>Files refused (did not match their fingerprint): %1</source>
        <translation>被拒收的文件（与指纹不符）：%1</translation>
    </message>
    <message>
        <source>Downloaded: %1</source>
        <translation>下载量：%1</translation>
    </message>
    <message>
        <source>The desk compared every case with the platform once more.</source>
        <translation>工作台已与平台重新逐一核对全部案件。</translation>
    </message>
    <message>
        <source>Everything was already up to date.</source>
        <translation>所有内容都已是最新。</translation>
    </message>
    <message>
        <source>The sync did not finish</source>
        <translation>同步未能完成</translation>
    </message>
    <message>
        <source>Fetching cases…</source>
        <translation>正在获取案件…</translation>
    </message>
    <message>
        <source>Downloading evidence files…</source>
        <translation>正在下载证据文件…</translation>
    </message>
    <message>
        <source>Sending your actions…</source>
        <translation>正在发送您的操作…</translation>
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
        <translation>文件</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据量</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Sign in again…</source>
        <translation>重新登录…</translation>
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
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>谁</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Offers and answers</source>
        <translation>方案与答复</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
</context>
<context>
    <name>WorkflowActionDialog</name>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>e.g. 300.00</source>
        <translation>例如 300.00</translation>
    </message>
    <message>
        <source>Please fill in: %s</source>
        <translation>请填写：%s</translation>
    </message>
</context>
<context>
    <name>WorkflowPanel</name>
    <message>
        <source>Choose a case to see its workflow.</source>
        <translation>选择一个案件以查看其处理流程。</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>核对清单</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Save answers</source>
        <translation>保存答案</translation>
    </message>
    <message>
        <source>Required evidence</source>
        <translation>所需证据</translation>
    </message>
    <message>
        <source>Still missing before the case can move on</source>
        <translation>推进前仍缺少的内容</translation>
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
