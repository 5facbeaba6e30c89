"""The demo's privacy, terms and refund pages: what a government-backed CoE under
the DPDP Act 2023 says, matching what the site really does (seed_demo)."""

GRIEVANCE = (
    "Dr. Meera Iyer, Grievance Officer, grievance@coe.example.in, +91 11 2430 1299"
)

PRIVACY_EN = f"""
<h2>Who we are</h2>
<p>The AI Centre of Excellence (Electronics Niketan, 6 CGO Complex, Lodhi Road,
New Delhi 110003) is the data fiduciary for the personal data you give this website,
under the Digital Personal Data Protection Act, 2023.</p>
<h2>What we collect and why</h2>
<ul>
<li>Your account: name, email address, password (stored only as a hash) and language,
to sign you in and write to you.</li>
<li>Event registrations: name, email, phone, organisation, accessibility needs and your
answers, to run the event, admit you at the door and tell you of changes.</li>
<li>Payments: amount, date, receipt number and the Stripe reference. Card details go
to Stripe, our payment processor, and never reach us.</li>
<li>Startup applications: the startup's details, founders, answers and files, to
select cohorts.</li>
</ul>
<p>We use your data only for these purposes, with your consent given when you sign up,
register or apply. We do not sell it or use it for advertising.</p>
<h2>How long we keep it</h2>
<p>While your account exists. When you delete it, your personal data is erased;
payment records are kept without your name or email for eight years, as accounting
and tax law requires, and applications leave anonymous statistics.</p>
<h2>Your rights</h2>
<p>You may download all your data and delete your account on your dashboard, ask us
to correct it, withdraw consent, and nominate someone to act for you. Write to the
grievance officer: {GRIEVANCE}. We answer within 30 days. If you are not satisfied you
may complain to the Data Protection Board of India.</p>
"""

PRIVACY_HI = f"""
<h2>हम कौन हैं</h2>
<p>AI उत्कृष्टता केंद्र (इलेक्ट्रॉनिक्स निकेतन, 6 CGO कॉम्प्लेक्स, लोधी रोड, नई दिल्ली
110003) डिजिटल व्यक्तिगत डेटा संरक्षण अधिनियम, 2023 के अंतर्गत इस वेबसाइट को दिए गए
आपके व्यक्तिगत डेटा का डेटा न्यासी है।</p>
<h2>हम क्या एकत्र करते हैं और क्यों</h2>
<ul>
<li>आपका खाता: नाम, ईमेल पता, पासवर्ड (केवल हैश के रूप में) और भाषा, ताकि आप साइन इन
कर सकें और हम आपको लिख सकें।</li>
<li>आयोजन पंजीकरण: नाम, ईमेल, फ़ोन, संगठन, सुगम्यता संबंधी आवश्यकताएँ और आपके उत्तर,
आयोजन चलाने, प्रवेश देने और बदलावों की सूचना देने के लिए।</li>
<li>भुगतान: राशि, तिथि, रसीद संख्या और Stripe संदर्भ। कार्ड का विवरण हमारे भुगतान
प्रोसेसर Stripe के पास जाता है, हमारे पास कभी नहीं।</li>
<li>स्टार्टअप आवेदन: स्टार्टअप का विवरण, संस्थापक, उत्तर और फ़ाइलें, समूह चुनने के लिए।</li>
</ul>
<p>हम आपका डेटा केवल इन्हीं उद्देश्यों के लिए, साइन अप, पंजीकरण या आवेदन के समय दी गई
आपकी सहमति से उपयोग करते हैं। हम इसे बेचते नहीं और विज्ञापन के लिए उपयोग नहीं करते।</p>
<h2>हम इसे कब तक रखते हैं</h2>
<p>जब तक आपका खाता है। खाता हटाने पर आपका व्यक्तिगत डेटा मिटा दिया जाता है; लेखा और कर
कानून की अपेक्षा के अनुसार भुगतान के रिकॉर्ड आपके नाम या ईमेल के बिना आठ वर्ष तक रखे जाते
हैं, और आवेदनों से केवल अनाम आँकड़े बचते हैं।</p>
<h2>आपके अधिकार</h2>
<p>आप अपने डैशबोर्ड से अपना सारा डेटा डाउनलोड कर सकते हैं और अपना खाता हटा सकते हैं,
उसे सुधारने को कह सकते हैं, सहमति वापस ले सकते हैं, और अपनी ओर से किसी को नामित कर सकते
हैं। शिकायत अधिकारी को लिखें: {GRIEVANCE}। हम 30 दिनों के भीतर उत्तर देते हैं। संतुष्ट न
हों तो आप भारतीय डेटा संरक्षण बोर्ड से शिकायत कर सकते हैं।</p>
"""

TERMS_EN = """
<p>This website is run by the AI Centre of Excellence. By using it you accept these
terms.</p>
<ul>
<li>Give true details when you sign up, register or apply, and keep your password to
yourself. One account per person.</li>
<li>A registration is for the person named on it; the ticket may be checked at the
door.</li>
<li>Paid seats are governed by the refund and cancellation policy.</li>
<li>What you upload stays yours; you allow us to use it to run events and select
cohorts.</li>
<li>Do not misuse the site: no attacks, scraping of personal data or automated
registrations.</li>
<li>We may change events or these terms and will tell registered people of changes
that affect them.</li>
</ul>
<p>These terms are governed by the laws of India; the courts of New Delhi have
jurisdiction.</p>
"""

TERMS_HI = """
<p>यह वेबसाइट AI उत्कृष्टता केंद्र चलाता है। इसका उपयोग करके आप ये शर्तें स्वीकार करते
हैं।</p>
<ul>
<li>साइन अप, पंजीकरण या आवेदन करते समय सही विवरण दें, और अपना पासवर्ड किसी को न बताएँ।
एक व्यक्ति, एक खाता।</li>
<li>पंजीकरण उसी व्यक्ति के लिए है जिसका नाम उस पर है; प्रवेश पर टिकट जाँचा जा सकता
है।</li>
<li>भुगतान वाली सीटों पर धनवापसी और रद्दीकरण नीति लागू होती है।</li>
<li>आप जो अपलोड करते हैं वह आपका रहता है; आप हमें उसे आयोजन चलाने और समूह चुनने के लिए
उपयोग करने देते हैं।</li>
<li>साइट का दुरुपयोग न करें: कोई हमला, व्यक्तिगत डेटा की स्क्रैपिंग या स्वचालित पंजीकरण
नहीं।</li>
<li>हम आयोजन या ये शर्तें बदल सकते हैं और पंजीकृत लोगों को उन्हें प्रभावित करने वाले
बदलावों की सूचना देंगे।</li>
</ul>
<p>ये शर्तें भारत के कानूनों के अधीन हैं; नई दिल्ली के न्यायालयों को क्षेत्राधिकार है।</p>
"""

REFUNDS_EN = """
<ul>
<li>You can cancel a registration from its page until the event's cancellation
deadline (shown on the event and your registration).</li>
<li>A paid seat cancelled before the deadline is refunded in full through Stripe to the
card or account you paid with. Refunds take 5 to 10 working days to appear; your
registration and receipt show "refund pending" with the amount, then the date it was
refunded.</li>
<li>After the deadline a seat cannot be cancelled online and is not refunded.</li>
<li>If the organisers cancel an event, or cancel your registration, a paid seat is
refunded in full and the email says why.</li>
<li>In some cases the organisers may refund part of the price (for example when an
event changes); you keep your seat and the receipt shows the amount refunded.</li>
<li>Deleting your account cancels your registrations for events that have not ended,
and paid seats are refunded in full.</li>
<li>A payment that arrives after your seat was released is refunded in full.</li>
</ul>
<p>Questions: contact@coe.example.in.</p>
"""

REFUNDS_HI = """
<ul>
<li>आप आयोजन की रद्द करने की अंतिम तिथि तक (आयोजन और आपके पंजीकरण पर दिखाई गई)
पंजीकरण के पृष्ठ से उसे रद्द कर सकते हैं।</li>
<li>अंतिम तिथि से पहले रद्द की गई भुगतान वाली सीट की पूरी धनवापसी Stripe के माध्यम से उसी
कार्ड या खाते में होती है जिससे आपने भुगतान किया था। धनवापसी दिखने में 5 से 10 कार्य दिवस
लगते हैं; आपके पंजीकरण और रसीद पर पहले राशि के साथ "धनवापसी लंबित", फिर धनवापसी की तिथि
दिखती है।</li>
<li>अंतिम तिथि के बाद सीट ऑनलाइन रद्द नहीं की जा सकती और उसकी धनवापसी नहीं होती।</li>
<li>यदि आयोजक आयोजन या आपका पंजीकरण रद्द करते हैं, तो भुगतान वाली सीट की पूरी धनवापसी
होती है और ईमेल में कारण बताया जाता है।</li>
<li>कुछ मामलों में आयोजक मूल्य के एक भाग की धनवापसी कर सकते हैं (जैसे आयोजन बदलने पर);
आपकी सीट बनी रहती है और रसीद पर धनवापसी की राशि दिखती है।</li>
<li>खाता हटाने पर जो आयोजन समाप्त नहीं हुए उनके पंजीकरण रद्द हो जाते हैं, और भुगतान वाली
सीटों की पूरी धनवापसी होती है।</li>
<li>आपकी सीट छूट जाने के बाद पहुँचे भुगतान की पूरी धनवापसी होती है।</li>
</ul>
<p>प्रश्न: contact@coe.example.in।</p>
"""

# slug: (English body, Hindi body) as rich text
BODIES = {
    "privacy": (PRIVACY_EN, PRIVACY_HI),
    "terms": (TERMS_EN, TERMS_HI),
    "refunds": (REFUNDS_EN, REFUNDS_HI),
}
