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
        <source>Type letters, digits or Chinese characters to search.</source>
        <translation>请输入文字、字母或数字进行搜索。</translation>
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
        <source>The desk does not show this kind of file itself. Open it externally to view it.</source>
        <translation>工作台无法直接显示此类文件，请用其他程序打开查看。</translation>
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
<context>
    <name>labels</name>
    <message>
        <source>Product quality</source>
        <translation>商品质量</translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation>物流配送</translation>
    </message>
    <message>
        <source>After-sales</source>
        <translation>售后服务</translation>
    </message>
    <message>
        <source>Price &amp; promotion</source>
        <translation>价格与优惠</translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>Fraud &amp; infringement</source>
        <translation>欺诈与侵权</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Not as described</source>
        <translation>描述不符</translation>
    </message>
    <message>
        <source>Defective</source>
        <translation>质量缺陷</translation>
    </message>
    <message>
        <source>Safety hazard</source>
        <translation>安全隐患</translation>
    </message>
    <message>
        <source>Counterfeit</source>
        <translation>假冒伪劣</translation>
    </message>
    <message>
        <source>Late delivery</source>
        <translation>配送延误</translation>
    </message>
    <message>
        <source>Lost parcel</source>
        <translation>包裹丢失</translation>
    </message>
    <message>
        <source>Damaged in transit</source>
        <translation>运输损坏</translation>
    </message>
    <message>
        <source>Shipping fee</source>
        <translation>运费争议</translation>
    </message>
    <message>
        <source>Pickup point</source>
        <translation>自提点问题</translation>
    </message>
    <message>
        <source>Return refused</source>
        <translation>退换货困难</translation>
    </message>
    <message>
        <source>Slow response</source>
        <translation>响应不及时</translation>
    </message>
    <message>
        <source>Poor service</source>
        <translation>服务质量差</translation>
    </message>
    <message>
        <source>Repair refused</source>
        <translation>拒绝维修</translation>
    </message>
    <message>
        <source>Price differs from listing</source>
        <translation>价格与页面不符</translation>
    </message>
    <message>
        <source>Promotion not honoured</source>
        <translation>促销未兑现</translation>
    </message>
    <message>
        <source>Coupon not applied</source>
        <translation>优惠券未生效</translation>
    </message>
    <message>
        <source>Price changed after order</source>
        <translation>下单后价格变动</translation>
    </message>
    <message>
        <source>Currency conversion</source>
        <translation>汇率问题</translation>
    </message>
    <message>
        <source>Rude service</source>
        <translation>客服态度恶劣</translation>
    </message>
    <message>
        <source>Unhelpful service</source>
        <translation>客服不解决问题</translation>
    </message>
    <message>
        <source>Unauthorised transaction</source>
        <translation>未授权交易</translation>
    </message>
    <message>
        <source>Account stolen</source>
        <translation>账户被盗</translation>
    </message>
    <message>
        <source>Payment error</source>
        <translation>支付错误</translation>
    </message>
    <message>
        <source>Fake promotion</source>
        <translation>虚假促销</translation>
    </message>
    <message>
        <source>False advertising</source>
        <translation>虚假宣传</translation>
    </message>
    <message>
        <source>Infringement</source>
        <translation>知识产权侵权</translation>
    </message>
    <message>
        <source>Cross-border</source>
        <translation>跨境</translation>
    </message>
    <message>
        <source>Information asymmetry</source>
        <translation>信息不对称</translation>
    </message>
    <message>
        <source>Automated-system error</source>
        <translation>智能系统误判</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待受理</translation>
    </message>
    <message>
        <source>Awaiting buyer</source>
        <translation>等待买家</translation>
    </message>
    <message>
        <source>Awaiting merchant</source>
        <translation>等待商家</translation>
    </message>
    <message>
        <source>In mediation</source>
        <translation>调解中</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>复核中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Safety risk</source>
        <translation>安全风险</translation>
    </message>
    <message>
        <source>Suspected malicious complaint</source>
        <translation>疑似恶意投诉</translation>
    </message>
    <message>
        <source>Repeat merchant</source>
        <translation>多次被诉商家</translation>
    </message>
    <message>
        <source>Small claim</source>
        <translation>小额纠纷</translation>
    </message>
    <message>
        <source>Media attention</source>
        <translation>媒体关注</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <source>Return and refund</source>
        <translation>退货退款</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>赔偿</translation>
    </message>
    <message>
        <source>Price difference</source>
        <translation>退差价</translation>
    </message>
    <message>
        <source>Apology</source>
        <translation>道歉</translation>
    </message>
    <message>
        <source>Advance payout by the platform</source>
        <translation>平台先行赔付</translation>
    </message>
    <message>
        <source>Web form</source>
        <translation>网页表单</translation>
    </message>
    <message>
        <source>Mobile app</source>
        <translation>手机应用</translation>
    </message>
    <message>
        <source>Social media</source>
        <translation>社交媒体</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>客服热线</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Community forum</source>
        <translation>社区论坛</translation>
    </message>
    <message>
        <source>Third-party mediation platform</source>
        <translation>第三方调解平台</translation>
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
        <source>Logistics company</source>
        <translation>物流公司</translation>
    </message>
    <message>
        <source>Payment provider</source>
        <translation>支付机构</translation>
    </message>
    <message>
        <source>Other party</source>
        <translation>其他当事人</translation>
    </message>
    <message>
        <source>Natural person</source>
        <translation>自然人</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Label created</source>
        <translation>已下单待揽收</translation>
    </message>
    <message>
        <source>Picked up</source>
        <translation>已揽收</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>运输中</translation>
    </message>
    <message>
        <source>Out for delivery</source>
        <translation>派送中</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>物流异常</translation>
    </message>
    <message>
        <source>Returned to sender</source>
        <translation>已退回寄件人</translation>
    </message>
    <message>
        <source>Ready for pickup</source>
        <translation>待自提</translation>
    </message>
    <message>
        <source>Platform chat</source>
        <translation>平台聊天</translation>
    </message>
    <message>
        <source>Phone note</source>
        <translation>电话记录</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Platform notice</source>
        <translation>平台通知</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>录音</translation>
    </message>
    <message>
        <source>Chat log</source>
        <translation>聊天记录</translation>
    </message>
    <message>
        <source>Order record</source>
        <translation>订单记录</translation>
    </message>
    <message>
        <source>Transaction record</source>
        <translation>交易记录</translation>
    </message>
    <message>
        <source>Logistics record</source>
        <translation>物流记录</translation>
    </message>
    <message>
        <source>Appraisal report</source>
        <translation>鉴定报告</translation>
    </message>
    <message>
        <source>Listing snapshot</source>
        <translation>商品页快照</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>已提出</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>调解结案</translation>
    </message>
    <message>
        <source>Ruling</source>
        <translation>裁决</translation>
    </message>
    <message>
        <source>Dismissal</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>In the buyer&apos;s favour</source>
        <translation>支持买家</translation>
    </message>
    <message>
        <source>In the merchant&apos;s favour</source>
        <translation>支持商家</translation>
    </message>
    <message>
        <source>Partly upheld</source>
        <translation>部分支持</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Fine</source>
        <translation>罚款</translation>
    </message>
    <message>
        <source>Product delisted</source>
        <translation>商品下架</translation>
    </message>
    <message>
        <source>Credit-score deduction</source>
        <translation>扣除信用分</translation>
    </message>
    <message>
        <source>Suspension</source>
        <translation>暂停合作</translation>
    </message>
    <message>
        <source>Shop closure</source>
        <translation>关店清退</translation>
    </message>
    <message>
        <source>Blacklist</source>
        <translation>列入黑名单</translation>
    </message>
    <message>
        <source>Referred to authorities</source>
        <translation>移送主管部门</translation>
    </message>
    <message>
        <source>Settlement agreement</source>
        <translation>调解协议</translation>
    </message>
    <message>
        <source>Public notice</source>
        <translation>结果公示</translation>
    </message>
    <message>
        <source>Copy for a party</source>
        <translation>当事人副本</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已公示</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <source>Altered</source>
        <translation>已被改动</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>文件缺失</translation>
    </message>
    <message>
        <source>Not downloaded yet</source>
        <translation>尚未下载</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>物流</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Case opened</source>
        <translation>案件受理</translation>
    </message>
    <message>
        <source>Case assigned</source>
        <translation>案件分派</translation>
    </message>
    <message>
        <source>Case reassigned</source>
        <translation>案件改派</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Case closed</source>
        <translation>案件办结</translation>
    </message>
    <message>
        <source>Case withdrawn</source>
        <translation>案件撤回</translation>
    </message>
    <message>
        <source>Evidence added</source>
        <translation>补充证据</translation>
    </message>
    <message>
        <source>Evidence requested</source>
        <translation>要求补充证据</translation>
    </message>
    <message>
        <source>Message sent</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>Offer proposed</source>
        <translation>提出方案</translation>
    </message>
    <message>
        <source>Offer accepted</source>
        <translation>方案被接受</translation>
    </message>
    <message>
        <source>Offer rejected</source>
        <translation>方案被拒绝</translation>
    </message>
    <message>
        <source>Offer expired</source>
        <translation>方案已过期</translation>
    </message>
    <message>
        <source>Document submitted</source>
        <translation>文书已提交</translation>
    </message>
    <message>
        <source>Document approved</source>
        <translation>文书已批准</translation>
    </message>
    <message>
        <source>Document returned</source>
        <translation>文书被退回</translation>
    </message>
    <message>
        <source>Notice published</source>
        <translation>结果已公示</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Simplified Chinese</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Traditional Chinese</source>
        <translation>繁体中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
</context>
</TS>
